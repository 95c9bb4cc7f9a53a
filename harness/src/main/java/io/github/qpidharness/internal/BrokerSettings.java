package io.github.qpidharness.internal;

import io.github.qpidharness.Protocol;
import io.github.qpidharness.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one embedded broker, already validated by the public builder.
 *
 * @param port the AMQP port, 0 for an ephemeral one
 * @param bindingAddress the address the port listens on
 * @param protocols the AMQP versions accepted on the port
 * @param username the user to require, or null for anonymous access
 * @param password the user's password, or null for anonymous access
 * @param hostPoolSize how many isolated hosts to keep ready ahead of need
 * @param context extra Broker-J context variables, applied last
 * @param objectMessageAllowList classes and packages whose objects client connections may
 *     deserialize from an ObjectMessage (qpid-jms {@code jms.deserializationPolicy.allowList})
 * @param store where hosts keep their queues and messages
 * @param workDirectory the user's work directory, kept after close, or null for a temporary one
 */
public record BrokerSettings(
    int port,
    String bindingAddress,
    List<Protocol> protocols,
    String username,
    String password,
    int hostPoolSize,
    Map<String, String> context,
    List<String> objectMessageAllowList,
    Store store,
    Path workDirectory) {

  /**
   * What an ObjectMessage may hold unless the user allows more: value classes of the JDK that tests
   * commonly send, and nothing that is not part of the JDK.
   */
  public static final List<String> DEFAULT_OBJECT_MESSAGE_ALLOW_LIST =
      List.of("java.lang", "java.util", "java.math", "java.time");

  public BrokerSettings {
    protocols = List.copyOf(protocols);
    context = Map.copyOf(context);
    objectMessageAllowList = List.copyOf(objectMessageAllowList);
    store = store == null ? Store.MEMORY : store;
  }

  /** Memory-store settings in a temporary work directory. */
  public BrokerSettings(
      int port,
      String bindingAddress,
      List<Protocol> protocols,
      String username,
      String password,
      int hostPoolSize,
      Map<String, String> context,
      List<String> objectMessageAllowList) {
    this(
        port,
        bindingAddress,
        protocols,
        username,
        password,
        hostPoolSize,
        context,
        objectMessageAllowList,
        Store.MEMORY,
        null);
  }

  /** Settings with the default ObjectMessage allow-list. */
  public BrokerSettings(
      int port,
      String bindingAddress,
      List<Protocol> protocols,
      String username,
      String password,
      int hostPoolSize,
      Map<String, String> context) {
    this(
        port,
        bindingAddress,
        protocols,
        username,
        password,
        hostPoolSize,
        context,
        DEFAULT_OBJECT_MESSAGE_ALLOW_LIST);
  }

  /** True when clients must log in with {@link #username()} and {@link #password()}. */
  public boolean authenticated() {
    return username != null;
  }
}
