package io.github.qpidharness;

import io.github.qpidharness.internal.BrokerConfiguration;
import io.github.qpidharness.internal.BrokerOutage;
import io.github.qpidharness.internal.BrokerRuntime;
import io.github.qpidharness.internal.BrokerSettings;
import io.github.qpidharness.internal.FixtureSession;
import io.github.qpidharness.internal.HostPool;
import io.github.qpidharness.internal.Names;
import io.github.qpidharness.internal.PooledHost;
import io.github.qpidharness.internal.VirtualHostBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.qpid.server.model.VirtualHostNode;

/**
 * An Apache Qpid Broker-J running inside this JVM, for tests: memory store (or {@link
 * Store#DERBY}), loopback only, an ephemeral port, and nothing left behind after {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start();
 *     TestBroker host = broker.createHost("demo")) {
 *   host.declareQueue("orders");
 *   // connect with host.connectionFactory()
 * }
 * }</pre>
 *
 * <p>Several brokers can run in one JVM at once. Each {@link TestBroker} host is isolated from the
 * others: queues and messages of one host are invisible on the rest.
 */
public final class EmbeddedBroker implements MessageBroker {
  /** Bounds the wait for the pool's task under way (a reset or build) before a restart. */
  private static final java.time.Duration RESTART_PAUSE =
      HarnessTimeouts.scaled(java.time.Duration.ofSeconds(30));

  private static final String DEFAULT_HOST = BrokerConfiguration.DEFAULT_HOST;
  private static final String POOLED_PREFIX = BrokerRuntime.POOLED_PREFIX;

  private final BrokerRuntime runtime;
  private final HostPool pool;
  private final Set<VirtualHostBroker> openHosts = ConcurrentHashMap.newKeySet();
  private final Object lifecycle = new Object();
  private volatile boolean closed;
  private volatile BrokerOutage outage;

  private EmbeddedBroker(BrokerSettings settings) {
    this(settings, HostPool.Timing.standard());
  }

  /** A broker whose pool counts on resets as {@code timing} says, for this package's tests. */
  EmbeddedBroker(BrokerSettings settings, HostPool.Timing timing) {
    this.runtime = BrokerRuntime.start(settings);
    this.pool = new HostPool(runtime, settings.hostPoolSize(), this::openFixtureConnection, timing);
  }

  /**
   * Starts a broker with the defaults: AMQP 1.0 on an ephemeral 127.0.0.1 port, anonymous access.
   */
  public static EmbeddedBroker start() {
    return builder().start();
  }

  /** A builder for a broker with other options. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Store store() {
    return runtime.settings().store();
  }

  /**
   * Stops the broker and starts it again in place, on the same port and work directory, and returns
   * when it is ready. Every client connection is cut.
   *
   * <p>With {@link Store#DERBY}, declared queues and topics, durable subscriptions and persistent
   * messages survive; non-persistent messages, temporary queues and uncommitted transactions do
   * not. With {@link Store#MEMORY}, the broker comes back with its hosts and nothing on them: no
   * queue, topic, subscription or message. The default host ({@link #connectionFactory()}) is a
   * memory host with either store and comes back empty.
   *
   * <p>Every {@link TestBroker} handle keeps working (statistics, declarations, new senders and
   * receivers, {@link TestBroker#connectionFactory()}); senders and receivers created before the
   * restart do not reconnect: their next call fails with a message that says the broker restarted.
   *
   * @throws BrokerStartException if the broker cannot start again; it is closed then
   */
  @Override
  public void restart() {
    synchronized (lifecycle) {
      requireUp();
      for (VirtualHostBroker host : openHosts) {
        host.brokerRestarted();
      }
      try (AutoCloseable paused = pool.pause(RESTART_PAUSE)) {
        runtime.restart();
        for (VirtualHostBroker host : openHosts) {
          host.followJournal();
        }
      } catch (BrokerStartException e) {
        closed = true;
        pool.close();
        throw e;
      } catch (Exception e) {
        if (e instanceof RuntimeException runtimeException) {
          throw runtimeException;
        }
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Takes the broker down until the returned {@link Outage} is closed: every client connection is
   * cut now and the port refuses new ones (it stays reserved, so nothing else takes it); {@link
   * Outage#close()} starts the broker again on the same port and work directory, keeping what
   * {@link #restart()} keeps. Failover clients ({@link TestBroker#failoverConnectionFactory()})
   * reconnect after it if it lasts less than their reconnect window (the client timeout); the
   * harness's own senders and receivers from before it do not.
   *
   * <p>While it lasts, the broker hands out no hosts and cannot restart; handles of its hosts fail
   * on every call that needs the broker. Closing the broker during an outage brings it back first,
   * so that its hosts close as usual.
   *
   * @throws IllegalStateException if the broker is closed or an outage is already under way
   */
  @Override
  public Outage outage() {
    synchronized (lifecycle) {
      requireUp();
      AutoCloseable paused = pool.pause(RESTART_PAUSE);
      try {
        for (VirtualHostBroker host : openHosts) {
          host.brokerOutage();
        }
        BrokerOutage begun =
            BrokerOutage.begin(
                runtime,
                paused,
                lifecycle,
                () -> {
                  outage = null;
                  if (!closed) {
                    for (VirtualHostBroker host : openHosts) {
                      host.followJournal();
                    }
                  }
                },
                () -> {
                  closed = true;
                  pool.close();
                });
        outage = begun;
        return begun;
      } catch (RuntimeException e) {
        closeQuietly(paused);
        throw e;
      }
    }
  }

  /** Fails if the broker is closed or in an outage. */
  private void requireUp() {
    requireOpen();
    if (outage != null) {
      throw new IllegalStateException(
          "The broker is down for an outage; close the Outage from outage() first.");
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Best effort: the failure being reported matters more.
    }
  }

  /** The AMQP port the broker listens on (the real one when port 0 was asked for). */
  @Override
  public int amqpPort() {
    requireOpen();
    return runtime.boundPort();
  }

  /**
   * A plain {@code amqp://address:port} URL of the default host, usable by qpid-jms and by non-JVM
   * AMQP clients (Proton, pika, qpid.messaging).
   */
  @Override
  public String amqpUrl() {
    requireOpen();
    return runtime.clientEndpoint(null).plainUrl();
  }

  /**
   * A new qpid-jms connection factory for the default host, with finite client timeouts. The
   * default host is in memory whatever the {@link Builder#store store}: what clients leave on it
   * does not survive a {@link #restart()}.
   */
  @Override
  public ConnectionFactory connectionFactory() {
    requireOpen();
    return runtime.clientEndpoint(null).connectionFactory();
  }

  /**
   * Creates a fresh isolated host named {@code name}.
   *
   * @throws IllegalArgumentException if the name is invalid or a host of that name exists
   */
  @Override
  public TestBroker createHost(String name) {
    Names.requireValidHost(name);
    synchronized (lifecycle) {
      requireUp();
      if (runtime.hostNode(name) != null || pool.exposes(name)) {
        // Names no other host: those of the pool's hosts are their users' secret.
        throw new IllegalArgumentException(
            "A host named \""
                + name
                + "\" already exists on this broker. Close it first or choose another name.");
      }
      VirtualHostNode<?> node = runtime.createHostNode(name);
      try {
        runtime.exposeHost(name, node);
      } catch (RuntimeException e) {
        deleteNode(node);
        throw e;
      }
      return register(new VirtualHostBroker(runtime, node, this::deleteNow));
    }
  }

  /**
   * A handle on the existing host named {@code name} that no handle is open on: one that a {@link
   * Store#DERBY} broker found in its {@link Builder#workDirectory(Path) work directory}, with the
   * queues, subscriptions and persistent messages an earlier broker left there. Closing the handle
   * deletes the host, as for {@link #createHost}.
   *
   * @throws IllegalArgumentException if there is no such host, or a handle on it is open
   */
  public TestBroker host(String name) {
    Names.requireValidHost(name);
    synchronized (lifecycle) {
      requireOpen();
      VirtualHostNode<?> node = runtime.hostNode(name);
      boolean taken =
          pool.exposes(name) || openHosts.stream().anyMatch(h -> h.node().getName().equals(name));
      if (node == null || taken || name.equals(DEFAULT_HOST)) {
        List<String> free = new ArrayList<>();
        for (String host : runtime.hostNames()) {
          if (!host.startsWith(POOLED_PREFIX)
              && !host.equals(DEFAULT_HOST)
              && openHosts.stream().noneMatch(h -> h.node().getName().equals(host))) {
            free.add(host);
          }
        }
        throw new IllegalArgumentException(
            "No host named \""
                + name
                + "\" without an open handle on this broker (such hosts: "
                + free
                + "). Use createHost(\""
                + name
                + "\") for a new one.");
      }
      // Found in the work directory, it has no name on the port yet (nothing resolves a node by
      // its own name); after a restart it keeps the one it had.
      runtime.exposeHostUnlessExposed(name, node);
      return register(new VirtualHostBroker(runtime, node, this::deleteNow));
    }
  }

  /**
   * A fresh isolated host under a fresh random name, taken from hosts prepared ahead of need, so it
   * costs far less than {@link #createHost}. Closing it closes its fixtures and resets it in the
   * background for another test: its name stops resolving, every client connection to it is closed,
   * every queue (with its messages and subscriptions) and every exchange the test made is deleted.
   * A host that cannot be reset completely, or whose own configuration the test changed, is deleted
   * instead.
   */
  @Override
  public TestBroker isolatedHost() {
    requireUp();
    // Outside the lock: a caller may wait here for the pool, and must not hold up the others.
    PooledHost pooled;
    try {
      pooled = pool.take();
    } catch (IllegalStateException e) {
      requireOpen();
      throw e;
    }
    VirtualHostBroker host =
        new VirtualHostBroker(
            runtime,
            pooled.node(),
            pooled.name(),
            pooled.clientId(),
            pooled.connection(),
            pooled.sessions(),
            ended -> release(ended, pooled));
    synchronized (lifecycle) {
      if (!closed) {
        return register(host);
      }
    }
    host.close();
    requireOpen();
    return host;
  }

  /**
   * The broker's work directory: the one given to {@link Builder#workDirectory(Path)}, kept on
   * close, or else a temporary one, deleted on close.
   */
  public Path workDirectory() {
    return runtime.workDirectory();
  }

  /** True once {@link #close()} was called. */
  @Override
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes every open host, stops the broker and deletes its work directory, unless it is one of
   * yours ({@link Builder#workDirectory(Path)}): then a {@link Store#DERBY} broker's hosts keep
   * what is on them for the next broker on the directory (only their senders and receivers close;
   * see {@link #host(String)}). Idempotent.
   */
  @Override
  public void close() {
    BrokerOutage ongoing = outage;
    if (ongoing != null) {
      try {
        ongoing.close();
      } catch (RuntimeException e) {
        // The broker did not come back: it is closed now, and close() finishes the rest.
      }
    }
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    boolean keepHosts = runtime.userWorkDirectory() && store() == Store.DERBY;
    try {
      for (VirtualHostBroker host : new ArrayList<>(openHosts)) {
        if (keepHosts && !host.node().getName().startsWith(POOLED_PREFIX)) {
          openHosts.remove(host);
          host.closeKeepingHost();
        } else {
          host.closeWithBroker();
        }
      }
      pool.close();
    } finally {
      runtime.close();
    }
  }

  /** The pool behind {@link #isolatedHost()}, for this package's tests. */
  HostPool hostPool() {
    return pool;
  }

  @Override
  public String toString() {
    return "EmbeddedBroker[" + (closed ? "closed" : amqpUrl()) + "]";
  }

  private TestBroker register(VirtualHostBroker host) {
    openHosts.add(host);
    return host;
  }

  private void deleteNow(VirtualHostBroker host) {
    openHosts.remove(host);
    host.detachClients().run();
    deleteNode(host.node());
  }

  private void deleteNode(VirtualHostNode<?> node) {
    runtime.asSystem(
        "deleteHost",
        () -> {
          runtime.withdrawHost(node);
          return null;
        });
    runtime.deleteHostNode(node);
  }

  private void release(VirtualHostBroker host, PooledHost pooled) {
    openHosts.remove(host);
    pool.release(pooled, host.detachClients(), host);
  }

  private Connection openFixtureConnection(String hostName, String clientId) throws JMSException {
    Connection connection = runtime.clientEndpoint(hostName).connectionFactory().createConnection();
    try {
      connection.setClientID(clientId);
      FixtureSession.requireSyncSends(connection);
      connection.start();
      return connection;
    } catch (JMSException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(
          "This EmbeddedBroker is closed; start a new one with EmbeddedBroker.start().");
    }
  }

  /** Options for {@link EmbeddedBroker}; every value is checked before the broker starts. */
  public static final class Builder {
    private static final Pattern QUALIFIED_NAME =
        Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private int port;
    private String bindingAddress = "127.0.0.1";
    private List<Protocol> protocols = List.of(Protocol.AMQP_1_0);
    private String username;
    private String password;
    private int hostPoolSize = 2;
    private Store store = Store.MEMORY;
    private Path workDirectory;
    private final Map<String, String> context = new LinkedHashMap<>();
    private final Set<String> objectMessageAllowList =
        new LinkedHashSet<>(BrokerSettings.DEFAULT_OBJECT_MESSAGE_ALLOW_LIST);

    private Builder() {}

    /** A fixed AMQP port; 0 (the default) lets the system pick a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "Port must be between 0 and 65535 but was "
                + port
                + "; use 0 for a free ephemeral port.");
      }
      this.port = port;
      return this;
    }

    /**
     * The address the AMQP port listens on: {@code 127.0.0.1} by default; {@code "*"} listens on
     * every interface.
     */
    public Builder bindingAddress(String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException(
            "Binding address must not be blank but was "
                + (address == null ? "null" : "\"" + address + "\"")
                + "; use \"127.0.0.1\" (the default) or \"*\" for every interface.");
      }
      if (!address.equals("*")) {
        try {
          InetAddress.getByName(address);
        } catch (UnknownHostException e) {
          throw new IllegalArgumentException(
              "Binding address \"" + address + "\" is not a known address or host name.", e);
        }
      }
      this.bindingAddress = address;
      return this;
    }

    /**
     * The AMQP versions accepted on the port (replacing the default, AMQP 1.0 only). Add {@link
     * Protocol#AMQP_0_9_1} for pika and {@link Protocol#AMQP_0_10} for {@code qpid.messaging}.
     */
    public Builder protocols(Protocol... protocols) {
      Objects.requireNonNull(protocols, "protocols");
      if (protocols.length == 0) {
        throw new IllegalArgumentException(
            "The protocol list must not be empty; name at least Protocol.AMQP_1_0.");
      }
      for (Protocol protocol : protocols) {
        Objects.requireNonNull(protocol, "protocols must not contain null");
      }
      EnumSet<Protocol> set = EnumSet.noneOf(Protocol.class);
      set.addAll(List.of(protocols));
      this.protocols = List.copyOf(set);
      return this;
    }

    /** Requires clients to log in (SASL PLAIN) as this user instead of anonymous access. */
    public Builder credentials(String username, String password) {
      if (username == null || username.isBlank()) {
        throw new IllegalArgumentException(
            "Username must not be blank but was "
                + (username == null ? "null" : "\"" + username + "\"")
                + ".");
      }
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException(
            "Password for user \"" + username + "\" must not be empty.");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * Whether every host records a {@link MessageJournal} of what its destinations receive (on by
     * default). Off, {@link TestBroker#journal()} throws and receiver timeouts give no near-miss
     * hint; see the benchmarks for what recording costs.
     */
    public Builder messageJournal(boolean enabled) {
      return brokerContext(
          io.github.qpidharness.internal.JournalRecorder.ENABLED_CONTEXT, String.valueOf(enabled));
    }

    /**
     * How many isolated hosts to keep ready for {@link #isolatedHost()}: 2 by default, 0 for none.
     * One is built right after start; the rest once the first host handed out comes back, so that
     * building them does not compete with the first test for the CPU.
     */
    public Builder hostPoolSize(int size) {
      if (size < 0 || size > 64) {
        throw new IllegalArgumentException(
            "Host pool size must be between 0 and 64 but was " + size + ".");
      }
      this.hostPoolSize = size;
      return this;
    }

    /**
     * Sets a Broker-J context variable (see the Broker-J book), applied after the harness's own.
     * For tuning and experiments; the harness's defaults suit tests.
     *
     * <p>This is the way to give Broker-J a setting: a system property set once the broker runs
     * (e.g. {@code virtualhost.housekeepingCheckPeriod}, which Broker-J reads when it creates a
     * host) misses the hosts the pool built ahead of need. The harness's own choices, which a call
     * here overrides: {@code virtualhost.housekeepingCheckPeriod=250} (ms; releases delayed
     * messages), {@code queue.holdOnPublishEnabled=true} (delivery delay on every queue), small
     * thread pools, {@code qpid.compact_memory_interval=0}. Limits the harness reads back and
     * checks before a call would exceed them: {@code qpid.max_message_size} (bytes per message) and
     * {@code qpid.port.sessionCountLimit} (sessions per connection, one per fixture).
     */
    public Builder brokerContext(String name, String value) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("Context variable name must not be blank.");
      }
      context.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Lets ObjectMessage bodies of these classes or packages deserialize on the harness's
     * connections, in addition to the default: {@code java.lang}, {@code java.util}, {@code
     * java.math} and {@code java.time}. An entry is a fully qualified class name ({@code
     * com.example.Order}, a nested class as {@code com.example.Outer.Inner}) or a package, which
     * includes its sub-packages; {@code "*"} trusts every class (qpid-jms's own, unsafe default).
     */
    public Builder allowObjectMessageClasses(String... classesOrPackages) {
      Objects.requireNonNull(classesOrPackages, "classesOrPackages");
      for (String entry : classesOrPackages) {
        if (entry == null || !(entry.equals("*") || QUALIFIED_NAME.matcher(entry).matches())) {
          throw new IllegalArgumentException(
              "Allow-list entry "
                  + (entry == null ? "null" : "\"" + entry + "\"")
                  + " is not a class or package name: use e.g. \"com.example.Order\","
                  + " \"com.example\" or \"*\" for every class.");
        }
      }
      objectMessageAllowList.addAll(List.of(classesOrPackages));
      return this;
    }

    /** Lets ObjectMessage bodies of these classes deserialize; see the String overload. */
    public Builder allowObjectMessageClasses(Class<?>... classes) {
      Objects.requireNonNull(classes, "classes");
      for (Class<?> type : classes) {
        Objects.requireNonNull(type, "classes must not contain null");
        // qpid-jms matches canonical names (Outer.Inner), falling back to the binary name.
        String name = type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
        allowObjectMessageClasses(name);
      }
      return this;
    }

    /**
     * Where hosts keep their queues, topics and messages: {@link Store#MEMORY} (the default) or
     * {@link Store#DERBY}, which survives {@link EmbeddedBroker#restart()} and, in a {@link
     * #workDirectory(Path) work directory of yours}, the broker itself.
     *
     * <p>The store applies to the hosts made with {@link EmbeddedBroker#createHost createHost} and
     * {@link EmbeddedBroker#isolatedHost() isolatedHost} (and found with {@link EmbeddedBroker#host
     * host}). The default host, which {@link EmbeddedBroker#connectionFactory()} and {@link
     * EmbeddedBroker#amqpUrl()} reach without naming a host, stays in memory on every broker: it
     * keeps nothing across restarts; use {@code createHost} for persistent hosts. (An empty Derby
     * database for it at every start would double a Derby broker's cold start, for a host the
     * harness offers no declarations on.)
     */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * A work directory of yours instead of a temporary one: created if missing and kept on close,
     * so that a {@link Store#DERBY} broker's hosts, queues and persistent messages outlive the
     * broker and the JVM; a new broker on the directory finds them. A directory that another
     * running broker uses is refused (it is locked while a broker uses it).
     */
    public Builder workDirectory(Path directory) {
      Objects.requireNonNull(directory, "directory");
      if (java.nio.file.Files.exists(directory) && !java.nio.file.Files.isDirectory(directory)) {
        throw new IllegalArgumentException(
            "Work directory "
                + directory
                + " is a file, not a directory; name a directory (created if missing).");
      }
      this.workDirectory = directory;
      return this;
    }

    /**
     * Starts the broker.
     *
     * @throws BrokerStartException with the real cause if Broker-J cannot start
     */
    public EmbeddedBroker start() {
      return new EmbeddedBroker(settings());
    }

    /** Starts the broker with a pool that counts on resets as {@code timing} says, for tests. */
    EmbeddedBroker start(HostPool.Timing timing) {
      return new EmbeddedBroker(settings(), timing);
    }

    private BrokerSettings settings() {
      return new BrokerSettings(
          port,
          bindingAddress,
          protocols,
          username,
          password,
          hostPoolSize,
          context,
          List.copyOf(objectMessageAllowList),
          store,
          workDirectory);
    }
  }
}
