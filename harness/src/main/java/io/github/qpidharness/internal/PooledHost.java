package io.github.qpidharness.internal;

import io.github.qpidharness.HarnessTimeouts;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.FixedVirtualHostNodeAlias;
import org.apache.qpid.server.model.PatternMatchingAlias;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostAlias;
import org.apache.qpid.server.model.VirtualHostNode;

/**
 * One virtual host of the {@link HostPool}, reused by one test after another. Not API.
 *
 * <p>Clients never see the node's own name, which is random: a host is reached under a name of the
 * pool's (a Broker-J alias on the port). Once a test has learned that name (see {@link
 * VirtualHostBroker#nameGivenOut()}), it is withdrawn before the host is reset, and the next
 * hand-out gets a fresh one. A client of a previous test that still holds its URL (a leaked
 * connection factory, a reconnecting listener) therefore cannot reach the host again, as with a
 * host that was deleted. A name no test learned is kept for the next hand-out: nobody outside the
 * harness can use it, and keeping it saves two operations on the broker's configuration thread.
 *
 * <p>The fixtures' shared JMS connection is opened here, in the background, and kept from one test
 * to the next as long as the fixtures left it with no session: it carries no state a test could see
 * (its client id is random, and every subscription queue goes with the reset).
 */
public final class PooledHost {
  private final BrokerRuntime runtime;
  private final String nodeName;
  private final Set<String> builtInExchanges;
  private final String clientId;
  private volatile String name;
  private volatile String alias;
  private volatile Connection connection;
  private volatile boolean connectionFailed;

  /** Idle sessions opened ahead of need on the fixtures' connection, for their first fixtures. */
  private static final int SESSIONS_AHEAD = 2;

  /** Sessions the broker counts on the fixtures' bare connection: qpid-jms keeps one of its own. */
  private int ownSessions = -1;

  private volatile List<FixtureSession> sessions = List.of();

  private final AtomicReference<Runnable> clientsToClose = new AtomicReference<>();

  private PooledHost(BrokerRuntime runtime, VirtualHostNode<?> node) {
    this.runtime = runtime;
    this.nodeName = node.getName();
    this.clientId = "qpid-harness-" + node.getName();
    Set<String> exchanges = new HashSet<>();
    for (Exchange<?> exchange : virtualHost().getChildren(Exchange.class)) {
      exchanges.add(exchange.getName());
    }
    this.builtInExchanges = Set.copyOf(exchanges);
  }

  /** Builds a fresh node with a random name that no client is told. */
  static PooledHost build(BrokerRuntime runtime) {
    return new PooledHost(
        runtime, runtime.createHostNode(BrokerRuntime.POOLED_PREFIX + UUID.randomUUID()));
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

  /** The name clients use during the current hand-out. */
  public String name() {
    return name;
  }

  /** True while the host is reachable under a name. */
  boolean exposed() {
    return alias != null;
  }

  /** True while the host is reachable under {@code name}. */
  boolean exposedAs(String name) {
    return exposed() && name.equals(this.name);
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

  /** Makes the host reachable under {@code name} (and under no earlier name). */
  void expose(String name) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(VirtualHostAlias.NAME, "harness-alias-" + name);
    attributes.put(VirtualHostAlias.TYPE, PatternMatchingAlias.TYPE_NAME);
    attributes.put(PatternMatchingAlias.PATTERN, Pattern.quote(name));
    attributes.put(FixedVirtualHostNodeAlias.VIRTUAL_HOST_NODE, node());
    runtime.asSystem(
        "exposeHost",
        () -> (VirtualHostAlias<?>) port().createChild(VirtualHostAlias.class, attributes));
    // By name: a broker restart replaces the alias object with an equal one.
    alias = (String) attributes.get(VirtualHostAlias.NAME);
    this.name = name;
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
   * Takes every trace of the last test off the host: its name, its client connections, its queues
   * (with their messages, subscriptions and temporary queues) and its exchanges. Keeps the
   * fixtures' connection only if {@code keepConnection} and the broker sees it idle, and the name
   * only if {@code keepName}.
   *
   * @throws IllegalStateException if the host could not be brought back to its built state
   */
  void reset(boolean keepConnection, List<FixtureSession> idleSessions, boolean keepName) {
    runtime.asSystem(
        "resetHost",
        () -> {
          if (!keepName) {
            withdrawName();
          }
          VirtualHost<?> host = virtualHost();
          org.apache.qpid.server.model.Connection<?> kept =
              keepConnection && !connectionFailed
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
          deleteQueues(host);
          deleteExchanges(host);
          // A connection that resolved the old name just before it was withdrawn registers late.
          closeConnections(host, kept);
          requireBuiltState(host, kept);
          return null;
        });
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
    sessions = List.of();
    if (c != null) {
      try {
        c.close();
      } catch (JMSException | RuntimeException e) {
        // The broker ends the connection when the host goes anyway.
      }
    }
  }

  /** Deletes the node (and its alias), closing the fixtures' connection first. */
  void delete() {
    closeConnection();
    runtime.asSystem(
        "deleteHost",
        () -> {
          withdrawName();
          return null;
        });
    runtime.deleteHostNode(node());
  }

  private void withdrawName() {
    String current = alias;
    alias = null;
    VirtualHostAlias<?> object =
        current == null ? null : port().getChildByName(VirtualHostAlias.class, current);
    if (object != null) {
      object.delete();
    }
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
    if (!host.getChildren(Queue.class).isEmpty()
        || !exchanges.equals(builtInExchanges)
        || connections != (kept == null ? 0 : 1)) {
      throw new IllegalStateException(
          "Host "
              + nodeName
              + " is not clean after a reset: queues "
              + host.getChildren(Queue.class)
              + ", exchanges "
              + exchanges
              + ", connections "
              + connections);
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
