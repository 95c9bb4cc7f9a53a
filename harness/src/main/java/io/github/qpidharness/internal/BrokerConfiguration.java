package io.github.qpidharness.internal;

import io.github.qpidharness.Protocol;
import io.github.qpidharness.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Broker-J is started with, as one value built from the {@link BrokerSettings}: the
 * store, the AMQP port, the authentication and the hosts to bring up. {@link BrokerRuntime} turns
 * it into Broker-J's initial configuration; nothing else knows Broker-J's configuration format. Not
 * API.
 *
 * <p>The system configuration itself stays in memory with either store: the durable record of a
 * Derby broker's hosts is the directory each keeps its Derby database in, under {@link
 * #hostsDirectory()}, so a restart or a new broker on the same work directory lists the hosts from
 * there, and every other setting (port, credentials, protocols) comes from the settings of the
 * broker that starts, never from an earlier one's files.
 *
 * @param store where hosts keep their queues and messages
 * @param bindingAddress the address the AMQP port listens on
 * @param port the AMQP port, 0 for an ephemeral one
 * @param protocols the AMQP versions accepted on the port
 * @param username the user to require, or null for anonymous access
 * @param password the user's password, or null
 * @param hostsDirectory where Derby hosts keep their databases, one directory per host
 * @param hosts the hosts to bring up besides the default one, by name
 */
public record BrokerConfiguration(
    Store store,
    String bindingAddress,
    int port,
    List<Protocol> protocols,
    String username,
    String password,
    Path hostsDirectory,
    List<String> hosts) {

  /** The name of the AMQP port. */
  public static final String PORT_NAME = "AMQP";

  /** The host every client reaches when it names none. */
  public static final String DEFAULT_HOST = "default";

  /** Broker-J's type of the memory store's nodes and virtual hosts. */
  private static final String MEMORY = "Memory";

  /** Broker-J's type of a virtual host that keeps its messages in its node's store. */
  private static final String PROVIDED_STORE = "ProvidedStore";

  public BrokerConfiguration {
    protocols = List.copyOf(protocols);
    hosts = List.copyOf(hosts);
  }

  /** The configuration of a broker with {@code settings} on {@code port}, with {@code hosts}. */
  public static BrokerConfiguration of(
      BrokerSettings settings, int port, Path hostsDirectory, List<String> hosts) {
    return new BrokerConfiguration(
        settings.store(),
        settings.bindingAddress(),
        port,
        settings.protocols(),
        settings.username(),
        settings.password(),
        hostsDirectory,
        hosts);
  }

  /** Broker-J's system configuration type: the broker's own objects live in memory. */
  public String systemConfigType() {
    return MEMORY;
  }

  /**
   * Plugins Broker-J must not see, by the service they are listed under: those no harness broker
   * uses.
   */
  public Map<String, java.util.Set<String>> hiddenPlugins() {
    return BrokerRuntime.UNUSED_PLUGINS;
  }

  /** Broker-J's initial configuration: the broker with its port, authentication and hosts. */
  public Map<String, Object> initialConfiguration() {
    Map<String, Object> authentication = new LinkedHashMap<>();
    if (username != null) {
      authentication.put("name", "plain");
      authentication.put("type", "Plain");
      // Broker-J offers PLAIN only over TLS by default; clients such as pika speak nothing else.
      authentication.put("secureOnlyMechanisms", List.of());
      authentication.put(
          "users", List.of(Map.of("name", username, "type", "managed", "password", password)));
    } else {
      authentication.put("name", "anonymous");
      authentication.put("type", "Anonymous");
    }

    List<String> protocolNames = new ArrayList<>();
    for (Protocol protocol : protocols) {
      protocolNames.addAll(brokerProtocolNames(protocol));
    }
    Map<String, Object> amqpPort = new LinkedHashMap<>();
    amqpPort.put("name", PORT_NAME);
    amqpPort.put("port", port);
    amqpPort.put("bindingAddress", bindingAddress);
    amqpPort.put("protocols", protocolNames);
    amqpPort.put("authenticationProvider", authentication.get("name"));
    amqpPort.put(
        "virtualhostaliases",
        List.of(
            // No nameAlias: it resolves every node by its own name, pooled nodes included. A host
            // is reachable only under the names BrokerRuntime.exposeHost gives it.
            Map.of("name", "defaultAlias", "type", "defaultAlias"),
            Map.of("name", "hostnameAlias", "type", "hostnameAlias")));

    List<Map<String, Object>> nodes = new ArrayList<>();
    Map<String, Object> defaultHost = defaultHostNode();
    defaultHost.put("defaultVirtualHostNode", true);
    nodes.add(defaultHost);
    for (String host : hosts) {
      nodes.add(hostNode(host));
    }

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "qpid-harness");
    root.put("modelVersion", "9.0");
    root.put("authenticationproviders", List.of(authentication));
    root.put("ports", List.of(amqpPort));
    root.put("virtualhostnodes", nodes);
    return root;
  }

  /**
   * The attributes of the default host's node: in memory with either store. Users declare nothing
   * on it (the harness has no handle on it), and creating its empty Derby database at every start
   * would double a Derby broker's cold start; so it keeps nothing across restarts.
   */
  public Map<String, Object> defaultHostNode() {
    return memoryHostNode(DEFAULT_HOST);
  }

  /** The attributes of a virtual host node named {@code name}, with its virtual host. */
  public Map<String, Object> hostNode(String name) {
    if (store == Store.MEMORY) {
      return memoryHostNode(name);
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", name);
    attributes.put("type", "DERBY");
    attributes.put("storePath", hostDirectory(name).toString());
    // One Derby database per host: the virtual host keeps its messages in the node's store.
    attributes.put("virtualHostInitialConfiguration", "{\"type\":\"" + PROVIDED_STORE + "\"}");
    return attributes;
  }

  private static Map<String, Object> memoryHostNode(String name) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", name);
    attributes.put("type", MEMORY);
    attributes.put("virtualHostInitialConfiguration", "{\"type\":\"" + MEMORY + "\"}");
    return attributes;
  }

  /** The attributes of the virtual host of the node named {@code name}, to make it again. */
  public Map<String, Object> virtualHost(String name) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", name);
    attributes.put("type", store == Store.MEMORY ? MEMORY : PROVIDED_STORE);
    return attributes;
  }

  /** The directory a Derby host named {@code name} keeps its database in. */
  public Path hostDirectory(String name) {
    return hostsDirectory.resolve(name);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "BrokerConfiguration[store="
        + store
        + ", "
        + bindingAddress
        + ":"
        + port
        + ", protocols="
        + protocols
        + ", "
        + (username == null ? "anonymous" : "user " + username)
        + ", hosts="
        + hosts
        + "]";
  }

  private static List<String> brokerProtocolNames(Protocol protocol) {
    return switch (protocol) {
      case AMQP_1_0 -> List.of("AMQP_1_0");
      case AMQP_0_9_1 -> List.of("AMQP_0_8", "AMQP_0_9", "AMQP_0_9_1");
      case AMQP_0_10 -> List.of("AMQP_0_10");
    };
  }
}
