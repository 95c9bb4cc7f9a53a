package io.github.qpidharness.internal;

import io.github.qpidharness.HarnessTimeouts;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.qpid.server.configuration.updater.Task;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.FixedVirtualHostNodeAlias;
import org.apache.qpid.server.model.PatternMatchingAlias;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostAlias;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.virtualhost.AbstractVirtualHost;
import org.apache.qpid.server.virtualhost.LinkRegistryModel;

/**
 * One virtual host of the {@link HostPool}, reused by one test after another. Not API.
 *
 * <p>Clients never see the node's own name: the port resolves no node by it, and a host is reached
 * only under a name of the pool's (a Broker-J alias on the port). Every hand-out gets a fresh,
 * random name; the reset takes the last one away first. A client of a previous test that still
 * holds its URL (a leaked connection factory, a reconnecting listener) therefore cannot reach the
 * host again, as with a host that was deleted, whatever the test showed of its name.
 *
 * <p>The host's own configuration (its attributes and context, those of its node and of its
 * built-in exchanges, its other children) is recorded when the host is built; a reset that finds
 * any of it changed fails, and the pool deletes the host instead.
 *
 * <p>The fixtures' shared JMS connection is opened here, in the background, and kept from one test
 * to the next as long as the fixtures left it with no session: it carries no state a test could see
 * (its client id is random, and every subscription queue goes with the reset).
 */
public final class PooledHost {
  /**
   * A host with more queues and exchanges of a test than this is deleted rather than reset:
   * Broker-J deletes a queue of a big host in up to ~10 ms (3,000 queues took 34 s), a whole node
   * with them in ~70 ms, and builds a fresh one in 20-40 ms.
   */
  static final int MAX_OBJECTS_TO_RESET = 16;

  /** Broker-J's registry of AMQP 1.0 links; the virtual host offers no way to empty it while up. */
  private static final String LINK_REGISTRY_FIELD = "_linkRegistry";

  private static final Pattern ANY = Pattern.compile(".*", Pattern.DOTALL);

  private final BrokerRuntime runtime;
  private final String nodeName;
  private final Set<String> builtInExchanges;
  private final BuiltState builtState;
  private final String aliasName;
  private volatile String clientId = newClientId();
  private volatile String name;
  private volatile Connection connection;
  private volatile boolean connectionFailed;

  /** Idle sessions opened ahead of need on the fixtures' connection, for their first fixtures. */
  private static final int SESSIONS_AHEAD = 2;

  /** Sessions the broker counts on the fixtures' bare connection: qpid-jms keeps one of its own. */
  private int ownSessions = -1;

  private volatile List<FixtureSession> sessions = List.of();

  private final AtomicReference<Runnable> clientsToClose = new AtomicReference<>();
  private final AtomicBoolean deleted = new AtomicBoolean();

  private PooledHost(BrokerRuntime runtime, VirtualHostNode<?> node, String name) {
    this.runtime = runtime;
    this.nodeName = node.getName();
    Set<String> exchanges = new HashSet<>();
    for (Exchange<?> exchange : virtualHost().getChildren(Exchange.class)) {
      exchanges.add(exchange.getName());
    }
    this.builtInExchanges = Set.copyOf(exchanges);
    this.builtState = BuiltState.of(node, virtualHost());
    this.aliasName = runtime.exposeHost(name, node).getName();
    this.name = name;
  }

  /**
   * Builds a fresh node, reachable under {@code name} only: its own name, random too, no client is
   * told and no client can use.
   */
  static PooledHost build(BrokerRuntime runtime, String name) {
    VirtualHostNode<?> node =
        runtime.createHostNode(BrokerRuntime.POOLED_PREFIX + UUID.randomUUID());
    try {
      return new PooledHost(runtime, node, name);
    } catch (RuntimeException e) {
      deleteQuietly(runtime, node);
      throw e;
    }
  }

  private static void deleteQuietly(BrokerRuntime runtime, VirtualHostNode<?> node) {
    try {
      runtime.asSystem(
          "deleteHost",
          () -> {
            runtime.withdrawHost(node);
            runtime.deleteHostNode(node);
            return null;
          });
    } catch (RuntimeException e) {
      // The broker's stop removes it.
    }
  }

  private static String newClientId() {
    return "qpid-harness-" + UUID.randomUUID();
  }

  /** The node now: a broker restart replaces Broker-J's objects, so it is looked up by name. */
  public VirtualHostNode<?> node() {
    VirtualHostNode<?> node = runtime.hostNode(nodeName);
    if (node == null) {
      throw new IllegalStateException("Host " + nodeName + " is gone from the broker");
    }
    return node;
  }

  /** The node's own name, never shown to clients. */
  public String nodeName() {
    return nodeName;
  }

  /** The alias clients reach the host by, looked up by name for the same reason as the node. */
  private VirtualHostAlias<?> alias() {
    VirtualHostAlias<?> alias = port().getChildByName(VirtualHostAlias.class, aliasName);
    if (alias == null) {
      throw new IllegalStateException("The alias of host " + nodeName + " is gone from the port");
    }
    return alias;
  }

  /** The name clients use during the current hand-out. */
  public String name() {
    return name;
  }

  /** The client id the fixtures' connection must use. */
  public String clientId() {
    return clientId;
  }

  /** The fixtures' connection opened ahead of need, or null if there is none (or it failed). */
  public Connection connection() {
    return connectionFailed ? null : connection;
  }

  /** Idle sessions of {@link #connection()}. */
  public List<FixtureSession> sessions() {
    return connection() == null ? List.of() : sessions;
  }

  /**
   * Makes the host reachable under {@code next} instead of its current name, in one step: no moment
   * exists in which both or neither resolve.
   */
  private void rename(String next) {
    runtime.asSystem(
        "renameHost",
        () -> {
          alias().setAttributes(Map.of(PatternMatchingAlias.PATTERN, Pattern.quote(next)));
          return null;
        });
    this.name = next;
  }

  /**
   * Adopts the fixtures' connection, opened with {@link #clientId()} while the host is idle, so the
   * first fixture of the next test need not open one.
   */
  void adoptConnection(Connection opened) {
    connection = opened;
    org.apache.qpid.server.model.Connection<?> seen = fixtureConnection(virtualHost());
    if (seen == null) {
      closeConnection();
      return;
    }
    ownSessions = seen.getSessionCount();
    List<FixtureSession> ahead = new ArrayList<>();
    try {
      for (int i = 0; i < SESSIONS_AHEAD; i++) {
        ahead.add(new FixtureSession(connection.createSession(false, Session.AUTO_ACKNOWLEDGE)));
      }
      // A test's first sender finds its producer attached already.
      ahead.get(0).producer();
    } catch (JMSException | RuntimeException e) {
      // Fixtures open the sessions they need.
    }
    sessions = List.copyOf(ahead);
    listenForFailure();
  }

  private void listenForFailure() {
    connectionFailed = false;
    try {
      connection.setExceptionListener(e -> connectionFailed = true);
    } catch (JMSException | RuntimeException e) {
      connectionFailed = true;
    }
  }

  /**
   * Takes every trace of the last test off the host: its name (replaced by {@code nextName}), its
   * client connections, its links, its queues (with their messages, subscriptions and temporary
   * queues) and its exchanges. Keeps the fixtures' connection only if {@code keepConnection} and
   * the broker sees it idle.
   *
   * @throws IllegalStateException if the host could not be brought back to its built state, or has
   *     too much to delete to be worth resetting
   */
  void reset(boolean keepConnection, List<FixtureSession> idleSessions, String nextName) {
    runtime.asSystem(
        "resetHost",
        () -> {
          // First of all: from now on, no client of the last test resolves the host.
          rename(nextName);
          VirtualHost<?> host = virtualHost();
          int made =
              host.getChildren(Queue.class).size()
                  + host.getChildren(Exchange.class).size()
                  - builtInExchanges.size();
          if (made > MAX_OBJECTS_TO_RESET) {
            throw new IllegalStateException(
                "Host "
                    + nodeName
                    + " has "
                    + made
                    + " queues and exchanges: deleting it is faster than resetting it");
          }
          org.apache.qpid.server.model.Connection<?> kept =
              keepConnection && !connectionFailed && !clientIdShown(host)
                  ? idleFixtureConnection(host, idleSessions)
                  : null;
          if (kept == null) {
            closeConnection();
          } else {
            sessions = List.copyOf(idleSessions);
            // The last test's fixtures listened for its failure; from now on the pool does.
            listenForFailure();
          }
          closeConnections(host, kept);
          purgeLinks(host, kept == null ? null : clientId);
          deleteQueues(host);
          deleteExchanges(host);
          // A connection that resolved the old name just before it was withdrawn registers late.
          closeConnections(host, kept);
          requireBuiltState(host, kept);
          return null;
        });
  }

  /**
   * True if the name of a subscription queue showed the last user the fixtures' client id: then the
   * connection goes, and the next user sees another one.
   */
  private boolean clientIdShown(VirtualHost<?> host) {
    for (Queue<?> queue : host.getChildren(Queue.class)) {
      if (queue.getName().contains(clientId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Forgets the links of closed connections, which Broker-J keeps (with their sources, ~15 KB per
   * subscription) until the host goes, and every sending link: the kept connection has no consumer
   * left. The kept connection's receiving links are its idle sessions' producers.
   */
  private static void purgeLinks(VirtualHost<?> host, String keptContainerId) {
    LinkRegistryModel<?> registry = linkRegistry(host);
    if (registry == null) {
      return;
    }
    Pattern others =
        keptContainerId == null
            ? ANY
            : Pattern.compile("(?!" + Pattern.quote(keptContainerId) + "$).*", Pattern.DOTALL);
    registry.purgeSendingLinks(ANY, ANY);
    registry.purgeReceivingLinks(others, ANY);
  }

  /**
   * The host's link registry, read reflectively: Broker-J empties it only on a stopped host. Null
   * if the host has none (no AMQP 1.0 plugin).
   *
   * @throws IllegalStateException if this Broker-J keeps it elsewhere, so that the host is deleted
   *     instead of keeping old links
   */
  private static LinkRegistryModel<?> linkRegistry(VirtualHost<?> host) {
    try {
      Field field = AbstractVirtualHost.class.getDeclaredField(LINK_REGISTRY_FIELD);
      field.setAccessible(true);
      return (LinkRegistryModel<?>) field.get(host);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("Cannot reach the link registry of " + host, e);
    }
  }

  /** Remembers how to end the last test's fixtures, for {@link #closeClients()}. */
  void closeClientsLater(Runnable closeClients) {
    clientsToClose.set(closeClients);
  }

  /** Ends the last test's fixtures, once, whoever gets here first (the reset or a pool close). */
  void closeClients() {
    Runnable close = clientsToClose.getAndSet(null);
    if (close != null) {
      try {
        close.run();
      } catch (RuntimeException e) {
        // The reset (or the broker's stop) ends whatever is left on the broker's side.
      }
    }
  }

  /** Closes the fixtures' client connection, if open. */
  void closeConnection() {
    Connection c = connection;
    connection = null;
    // The next connection tells nobody it is the same host.
    clientId = newClientId();
    sessions = List.of();
    if (c != null) {
      try {
        c.close();
      } catch (JMSException | RuntimeException e) {
        // The broker ends the connection when the host goes anyway.
      }
    }
  }

  /**
   * True if the host's configuration thread, on which every change to the host and its deletion
   * run, answers within {@code timeout}.
   */
  boolean responsive(Duration timeout) {
    VirtualHostNode<?> node = node();
    VirtualHost<?> host = node.getVirtualHost();
    if (host == null) {
      return true;
    }
    try {
      host.getTaskExecutor()
          .submit(
              new Task<Void, RuntimeException>() {
                @Override
                public Void execute() {
                  return null;
                }

                @Override
                public String getObject() {
                  return nodeName;
                }

                @Override
                public String getAction() {
                  return "probe";
                }

                @Override
                public String getArguments() {
                  return null;
                }
              })
          .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    }
  }

  /** Deletes the node (and its alias), closing the fixtures' connection first. Once. */
  void delete() {
    if (!deleted.compareAndSet(false, true)) {
      return;
    }
    closeConnection();
    runtime.asSystem(
        "deleteHost",
        () -> {
          VirtualHostAlias<?> alias = port().getChildByName(VirtualHostAlias.class, aliasName);
          if (alias != null) {
            alias.delete();
          }
          return null;
        });
    runtime.deleteHostNode(node());
  }

  /**
   * The fixtures' connection if the broker sees on it only qpid-jms's own session and the {@code
   * idleSessions}, none with a consumer left and none with a producer but the idle sessions' own
   * anonymous ones.
   */
  private org.apache.qpid.server.model.Connection<?> idleFixtureConnection(
      VirtualHost<?> host, List<FixtureSession> idleSessions) {
    org.apache.qpid.server.model.Connection<?> found = fixtureConnection(host);
    if (found == null || found.getSessionCount() != ownSessions + idleSessions.size()) {
      return null;
    }
    long anonymousProducers = idleSessions.stream().filter(FixtureSession::hasProducer).count();
    long producers = 0;
    for (org.apache.qpid.server.model.Session<?> session : found.getSessions()) {
      if (session.getConsumerCount() != 0 || session.getProducerCount() > 1) {
        return null;
      }
      producers += session.getProducerCount();
    }
    return producers <= anonymousProducers ? found : null;
  }

  /** The broker's side of the fixtures' connection: the only one with its client id. */
  private org.apache.qpid.server.model.Connection<?> fixtureConnection(VirtualHost<?> host) {
    org.apache.qpid.server.model.Connection<?> found = null;
    for (org.apache.qpid.server.model.Connection<?> c : host.getConnections()) {
      if (clientId.equals(c.getClientId())) {
        if (found != null) {
          return null;
        }
        found = c;
      }
    }
    return found;
  }

  private static void closeConnections(
      VirtualHost<?> host, org.apache.qpid.server.model.Connection<?> kept) {
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (org.apache.qpid.server.model.Connection<?> c : List.copyOf(host.getConnections())) {
      if (c != kept) {
        closing.add(c.deleteAsync());
      }
    }
    if (closing.isEmpty()) {
      return;
    }
    long timeout = HarnessTimeouts.clientCloseTimeout().toMillis();
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .get(timeout, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while closing client connections", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Client connections did not close in " + timeout + " ms", e);
    }
  }

  /** Deletes every queue; a queue another one dead-letters into can only go after that one. */
  private static void deleteQueues(VirtualHost<?> host) {
    List<Queue> left = new ArrayList<>(host.getChildren(Queue.class));
    RuntimeException last = null;
    while (!left.isEmpty()) {
      List<Queue> failed = new ArrayList<>();
      for (Queue<?> queue : left) {
        try {
          queue.delete();
        } catch (RuntimeException e) {
          failed.add(queue);
          last = e;
        }
      }
      if (failed.size() == left.size()) {
        throw new IllegalStateException("Could not delete queues " + failed, last);
      }
      left = failed;
    }
  }

  private void deleteExchanges(VirtualHost<?> host) {
    for (Exchange<?> exchange : List.copyOf(host.getChildren(Exchange.class))) {
      if (!builtInExchanges.contains(exchange.getName())) {
        exchange.delete();
      }
    }
  }

  private void requireBuiltState(
      VirtualHost<?> host, org.apache.qpid.server.model.Connection<?> kept) {
    Set<String> exchanges = new HashSet<>();
    for (Exchange<?> exchange : host.getChildren(Exchange.class)) {
      exchanges.add(exchange.getName());
    }
    int connections = host.getConnections().size();
    int[] sendingLinks = {0};
    host.visitSendingLinks(
        link -> {
          sendingLinks[0]++;
          return false;
        });
    if (!host.getChildren(Queue.class).isEmpty()
        || !exchanges.equals(builtInExchanges)
        || connections != (kept == null ? 0 : 1)
        || sendingLinks[0] != 0) {
      throw new IllegalStateException(
          "Host "
              + nodeName
              + " is not clean after a reset: queues "
              + host.getChildren(Queue.class)
              + ", exchanges "
              + exchanges
              + ", connections "
              + connections
              + ", sending links "
              + sendingLinks[0]);
    }
    List<String> changed = builtState.differences(BuiltState.of(node(), host));
    for (VirtualHostAlias<?> other : port().getChildren(VirtualHostAlias.class)) {
      if (!other.getName().equals(aliasName)
          && other instanceof FixedVirtualHostNodeAlias<?> fixed
          && fixed.getVirtualHostNode() != null
          && fixed.getVirtualHostNode().getName().equals(nodeName)) {
        changed = new ArrayList<>(changed);
        changed.add("alias " + other.getName());
      }
    }
    if (!changed.isEmpty()) {
      throw new IllegalStateException(
          "Host " + nodeName + " differs from a fresh one in " + changed);
    }
  }

  private VirtualHost<?> virtualHost() {
    VirtualHostNode<?> node = node();
    VirtualHost<?> host = node.getVirtualHost();
    if (host == null) {
      throw new IllegalStateException(
          "Host " + nodeName + " is not running (state " + node.getState() + ")");
    }
    return host;
  }

  private Port<?> port() {
    return runtime.amqpPort();
  }
}
