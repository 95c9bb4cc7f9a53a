package io.github.qpidharness.internal;

import io.github.qpidharness.BrokerStartException;
import io.github.qpidharness.Protocol;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.Subject;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.security.SubjectExecutionContext;
import org.apache.qpid.server.security.auth.TaskPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Broker-J instance: its launcher, its work directory and the system subject that
 * administration runs as. Not API.
 */
public final class BrokerRuntime implements AutoCloseable {
  /**
   * The JVM-wide switch Broker-J's memory store reads to accept durable (JMS default PERSISTENT)
   * messages. It cannot be set per broker; we set it once and never unset it.
   */
  static final String MEMORY_STORE_PERSISTENCE = "qpid.tests.mms.messagestore.persistence";

  private static final Logger LOG = LoggerFactory.getLogger(BrokerRuntime.class);
  private static final String PORT_NAME = "AMQP";

  /**
   * Broker-J asks at every start whether it can generate self-signed certificates, which
   * initializes this class and with it the Bouncy Castle provider: hundreds of classes from a
   * signed jar, a third or more of a cold start, though no harness broker uses TLS.
   */
  private static final String TLS_SUPPORT =
      "org.apache.qpid.server.transport.network.security.ssl.SSLUtil";

  private static final String DEFAULT_HOST = "default";

  private final SystemLauncher launcher;
  private final Broker<?> broker;
  private final Path workDirectory;
  private final int boundPort;
  private final BrokerSettings settings;

  private BrokerRuntime(
      SystemLauncher launcher,
      Broker<?> broker,
      Path workDirectory,
      int boundPort,
      BrokerSettings settings) {
    this.launcher = launcher;
    this.broker = broker;
    this.workDirectory = workDirectory;
    this.boundPort = boundPort;
    this.settings = settings;
  }

  /** Starts a broker or throws {@link BrokerStartException} with the real cause. */
  public static BrokerRuntime start(BrokerSettings settings) {
    if (settings.port() > 0) {
      requirePortFree(settings.bindingAddress(), settings.port());
    }
    initializeTlsSupportInParallel();
    Path workDirectory = createWorkDirectory();
    Listener listener = new Listener();
    SystemLauncher launcher = new SystemLauncher(listener);
    try {
      installHaltGuard();
      if (System.getProperty(MEMORY_STORE_PERSISTENCE) == null) {
        System.setProperty(MEMORY_STORE_PERSISTENCE, "true");
      }
      Path config = workDirectory.resolve("initial-config.json");
      Files.writeString(config, Json.write(initialConfiguration(settings)), StandardCharsets.UTF_8);
      Files.writeString(config.resolveSibling("system.properties"), "", StandardCharsets.UTF_8);
      launcher.startup(systemAttributes(settings, workDirectory, config));
    } catch (Exception e) {
      listener.error.compareAndSet(null, e);
    }
    Exception error = listener.error.get();
    Broker<?> broker = listener.broker.get();
    Port<?> port = broker == null ? null : broker.getChildByName(Port.class, PORT_NAME);
    if (error == null && (port == null || port.getState() != State.ACTIVE)) {
      // Broker-J only logs why a port failed to open; binding it ourselves recovers the cause.
      IOException bindFailure = tryBind(settings.bindingAddress(), settings.port());
      error =
          new IllegalStateException(
              "the AMQP port did not open"
                  + (bindFailure == null
                      ? " (state " + (port == null ? "missing" : port.getState()) + ")"
                      : ": binding "
                          + settings.bindingAddress()
                          + ":"
                          + settings.port()
                          + " fails with "
                          + bindFailure),
              bindFailure);
    }
    if (error != null) {
      shutdownQuietly(launcher);
      FileTrees.deleteQuietly(workDirectory);
      throw startFailure(settings, error);
    }
    return new BrokerRuntime(launcher, broker, workDirectory, port.getBoundPort(), settings);
  }

  public int boundPort() {
    return boundPort;
  }

  public BrokerSettings settings() {
    return settings;
  }

  public Path workDirectory() {
    return workDirectory;
  }

  /** The virtual host node every client reaches when it names no host. */
  public VirtualHostNode<?> defaultHostNode() {
    return broker.getChildByName(VirtualHostNode.class, DEFAULT_HOST);
  }

  /** Runs an administrative action as the broker's system user, as Broker-J requires. */
  public <T> T asSystem(String task, Callable<T> action) {
    Set<Principal> principals = Set.of(launcher.getSystemPrincipal(), new TaskPrincipal(task));
    Subject subject = new Subject(true, principals, Set.of(), Set.of());
    return SubjectExecutionContext.withSubjectUnchecked(subject, action);
  }

  /** Creates a fresh memory virtual host node (with its host) named {@code name}. */
  public VirtualHostNode<?> createHostNode(String name) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(VirtualHostNode.NAME, name);
    attributes.put(VirtualHostNode.TYPE, "Memory");
    attributes.put(VirtualHostNode.VIRTUALHOST_INITIAL_CONFIGURATION, "{\"type\":\"Memory\"}");
    return asSystem(
        "createHost",
        () -> (VirtualHostNode<?>) broker.createChild(VirtualHostNode.class, attributes));
  }

  /** The node named {@code name}, or null. */
  public VirtualHostNode<?> hostNode(String name) {
    return broker.getChildByName(VirtualHostNode.class, name);
  }

  /** Names of every host on the broker. */
  public List<String> hostNames() {
    List<String> names = new ArrayList<>();
    for (VirtualHostNode<?> node : broker.getVirtualHostNodes()) {
      names.add(node.getName());
    }
    return names;
  }

  @Override
  public void close() {
    try {
      launcher.shutdown();
    } finally {
      FileTrees.deleteQuietly(workDirectory);
    }
  }

  private static Map<String, Object> systemAttributes(
      BrokerSettings settings, Path workDirectory, Path config) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("qpid.work_dir", workDirectory.toString());
    // Housekeeping re-arms a direct-memory check that makes every stop wait ~1 s.
    context.put("qpid.compact_memory_interval", "0");
    // Production defaults start up to 64 IO threads per host; tests need a handful.
    context.put("virtualhost.connectionThreadPool.size", "4");
    context.put("virtualhost.connectionThreadPool.numberOfSelectors", "1");
    context.put("virtualhost.housekeepingThreadCount", "1");
    context.put("qpid.port.amqp.threadPool.size", "4");
    context.put("qpid.port.amqp.threadPool.numberOfSelectors", "1");
    context.putAll(settings.context());

    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(SystemConfig.TYPE, "Memory");
    attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
    // Broker-J's default, "classpath:system.properties", needs its own URL handler, which the JDK
    // cannot find from an isolated class loader (exec:java, some IDE and build-tool runners).
    attributes.put(
        SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION,
        config.resolveSibling("system.properties").toUri().toString());
    attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
    attributes.put(SystemConfig.CONTEXT, context);
    return attributes;
  }

  private static Map<String, Object> initialConfiguration(BrokerSettings settings) {
    Map<String, Object> authentication = new LinkedHashMap<>();
    if (settings.authenticated()) {
      authentication.put("name", "plain");
      authentication.put("type", "Plain");
      authentication.put(
          "users",
          List.of(
              Map.of(
                  "name", settings.username(),
                  "type", "managed",
                  "password", settings.password())));
    } else {
      authentication.put("name", "anonymous");
      authentication.put("type", "Anonymous");
    }

    List<String> protocols = new ArrayList<>();
    for (Protocol protocol : settings.protocols()) {
      protocols.addAll(brokerProtocolNames(protocol));
    }
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("name", PORT_NAME);
    port.put("port", settings.port());
    port.put("bindingAddress", settings.bindingAddress());
    port.put("protocols", protocols);
    port.put("authenticationProvider", authentication.get("name"));
    port.put(
        "virtualhostaliases",
        List.of(
            Map.of("name", "nameAlias", "type", "nameAlias"),
            Map.of("name", "defaultAlias", "type", "defaultAlias"),
            Map.of("name", "hostnameAlias", "type", "hostnameAlias")));

    Map<String, Object> defaultHost = new LinkedHashMap<>();
    defaultHost.put("name", DEFAULT_HOST);
    defaultHost.put("type", "Memory");
    defaultHost.put("defaultVirtualHostNode", true);
    defaultHost.put("virtualHostInitialConfiguration", "{\"type\":\"Memory\"}");

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "qpid-harness");
    root.put("modelVersion", "9.0");
    root.put("authenticationproviders", List.of(authentication));
    root.put("ports", List.of(port));
    root.put("virtualhostnodes", List.of(defaultHost));
    return root;
  }

  private static List<String> brokerProtocolNames(Protocol protocol) {
    return switch (protocol) {
      case AMQP_1_0 -> List.of("AMQP_1_0");
      case AMQP_0_9_1 -> List.of("AMQP_0_8", "AMQP_0_9", "AMQP_0_9_1");
      case AMQP_0_10 -> List.of("AMQP_0_10");
    };
  }

  private static void requirePortFree(String bindingAddress, int port) {
    if (!portFree(bindingAddress, port)) {
      throw new BrokerStartException(portInUseMessage(bindingAddress, port), null);
    }
  }

  private static boolean portFree(String bindingAddress, int port) {
    IOException failure = tryBind(bindingAddress, port);
    return !(failure instanceof BindException)
        || !String.valueOf(failure.getMessage()).contains("in use");
  }

  /** Binds the port the way Broker-J would and returns why that fails, or null if it works. */
  private static IOException tryBind(String bindingAddress, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      InetAddress address =
          bindingAddress.equals("*") ? null : InetAddress.getByName(bindingAddress);
      socket.bind(new InetSocketAddress(address, port));
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  private static String portInUseMessage(String bindingAddress, int port) {
    return "Cannot start the broker: port "
        + port
        + " on "
        + bindingAddress
        + " is already in use. Use port 0 (the default) to let the system pick a free port, and"
        + " read the real one from amqpPort().";
  }

  private static BrokerStartException startFailure(BrokerSettings settings, Exception error) {
    if (settings.port() > 0 && !portFree(settings.bindingAddress(), settings.port())) {
      return new BrokerStartException(
          portInUseMessage(settings.bindingAddress(), settings.port()), error);
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail = error instanceof IllegalStateException ? error.getMessage() : error.toString();
    if (!detail.contains(root.toString())) {
      detail += " (caused by " + root + ")";
    }
    return new BrokerStartException(
        "Broker-J failed to start on "
            + settings.bindingAddress()
            + ":"
            + settings.port()
            + " with protocols "
            + settings.protocols()
            + ": "
            + detail,
        error);
  }

  /**
   * Initializes {@link #TLS_SUPPORT} on a short-lived thread, so that on a machine with more than
   * one core it overlaps the rest of the start instead of adding to it. Broker-J's own thread then
   * waits for the initialization only if it gets there first. Returns at once, and the thread ends
   * at once, when the class is initialized already (every start after the first in a JVM).
   */
  private static void initializeTlsSupportInParallel() {
    ClassLoader loader = SystemLauncher.class.getClassLoader();
    Thread thread =
        new Thread(
            () -> {
              try {
                Class.forName(TLS_SUPPORT, true, loader);
              } catch (ClassNotFoundException | LinkageError e) {
                // Broker-J's start hits the same problem and reports it.
                LOG.debug("Could not initialize {} ahead of the broker", TLS_SUPPORT, e);
              }
            },
            "qpid-harness-tls-init");
    thread.setDaemon(true);
    thread.start();
  }

  private static Path createWorkDirectory() {
    try {
      return Files.createTempDirectory("qpid-harness-");
    } catch (IOException e) {
      throw new BrokerStartException(
          "Cannot create the broker's temporary work directory under "
              + System.getProperty("java.io.tmpdir")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static void shutdownQuietly(SystemLauncher launcher) {
    try {
      launcher.shutdown();
    } catch (RuntimeException e) {
      LOG.debug("Ignoring an error while stopping a broker that failed to start", e);
    }
  }

  /**
   * Broker-J's housekeeping executor halts the JVM when a task throws and no uncaught-exception
   * handler exists. A test run must never die that way, so we install a logging default handler if
   * (and only if) the JVM has none.
   */
  private static synchronized void installHaltGuard() {
    if (Thread.getDefaultUncaughtExceptionHandler() == null) {
      Thread.setDefaultUncaughtExceptionHandler(
          (thread, error) ->
              LOG.error(
                  "Uncaught exception in thread {} (kept alive by qpid-harness)", thread, error));
    }
  }

  /** Captures what Broker-J reports through callbacks instead of throwing. */
  private static final class Listener implements SystemLauncherListener {
    final AtomicReference<Exception> error = new AtomicReference<>();
    final AtomicReference<Broker<?>> broker = new AtomicReference<>();

    @Override
    public void beforeStartup() {}

    @Override
    public void errorOnStartup(RuntimeException e) {
      error.compareAndSet(null, e);
    }

    @Override
    public void afterStartup() {}

    @Override
    public void onContainerResolve(SystemConfig<?> systemConfig) {
      systemConfig.getEventLogger().setMessageLogger(new QuietMessageLogger());
      broker.set((Broker<?>) systemConfig.getContainer());
    }

    @Override
    public void onContainerClose(SystemConfig<?> systemConfig) {}

    @Override
    public void onShutdown(int exitCode) {}

    @Override
    public void exceptionOnShutdown(Exception e) {
      LOG.warn("Broker-J reported an error while stopping", e);
    }
  }
}
