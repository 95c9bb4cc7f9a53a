package io.github.qpidharness.internal;

import io.github.qpidharness.Endpoint;
import io.github.qpidharness.MessageJournal;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.MessagingException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.qpid.jms.JmsConnection;
import org.apache.qpid.jms.JmsConnectionListener;
import org.apache.qpid.jms.message.JmsInboundMessageDispatch;
import org.apache.qpid.jms.provider.exceptions.ProviderConnectionRemotelyClosedException;

/**
 * The fixtures of one host and the single JMS connection they share, each fixture with its own
 * session; closes the fixtures, then the connection.
 *
 * <p>One connection per host keeps a fixture cheap (a session, ~1 ms, instead of a connection, ~15
 * ms). The connection carries a client id unique to the host, which durable subscriptions need.
 */
public final class HostClients implements AutoCloseable {
  private static final int MAX_IDLE_SESSIONS = 4;

  private final Supplier<ConnectionFactory> factory;
  private final String hostName;
  private final String clientId;
  private final Connection pooled;

  /** Sessions of the current connection whose fixture closed: each can serve another fixture. */
  private final Deque<FixtureSession> idleSessions = new ArrayDeque<>();

  /** Every open fixture, with the connection its session belongs to. */
  private final Map<Fixture, Connection> fixtures = new ConcurrentHashMap<>();

  /**
   * The sessions opened on the current connection and not known to be closed, to refuse a fixture
   * that would exceed the broker's session limit instead of letting the broker close the
   * connection, with every other fixture on it.
   */
  private final Set<FixtureSession> openSessions = new HashSet<>();

  /** Sessions counted against the limit while they are being opened. */
  private int openingSessions;

  private final HostLimits limits;
  private final LinkWatcher linkWatcher = new LinkWatcher();
  private Connection connection;
  private volatile String connectionFailure;
  private boolean closed;
  private boolean keptPooled;
  private volatile MessageJournal journal;
  private volatile Consumer<Duration> settler;

  /**
   * @param clientId the client id of the shared connection
   * @param pooled a connection to the host opened ahead of need, to use first and leave open on
   *     close (its owner decides what becomes of it), or null to open one when needed
   * @param pooledSessions idle sessions of {@code pooled}, used before opening new ones
   */
  public HostClients(
      Supplier<ConnectionFactory> factory,
      String hostName,
      String clientId,
      Connection pooled,
      List<FixtureSession> pooledSessions) {
    this(factory, hostName, clientId, pooled, pooledSessions, HostLimits.DEFAULT);
  }

  /**
   * @param limits what the broker accepts on a connection, checked before a call could exceed it
   */
  public HostClients(
      Supplier<ConnectionFactory> factory,
      String hostName,
      String clientId,
      Connection pooled,
      List<FixtureSession> pooledSessions,
      HostLimits limits) {
    this.factory = factory;
    this.hostName = hostName;
    this.clientId = clientId;
    this.pooled = pooled;
    this.limits = limits;
    if (pooled != null) {
      try {
        watch(pooled);
        connection = pooled;
        idleSessions.addAll(pooledSessions);
        openSessions.addAll(pooledSessions);
      } catch (JMSException | RuntimeException e) {
        // Broken already: the first fixture opens a connection of its own.
      }
    }
  }

  /** What the broker accepts from this host's clients. */
  HostLimits limits() {
    return limits;
  }

  /**
   * True if {@link #close()} closed every fixture and left the pre-opened connection open and
   * healthy, so that its owner may reuse it.
   */
  public synchronized boolean keptPooledConnection() {
    return keptPooled;
  }

  /**
   * The idle sessions of the pre-opened connection, once {@link #keptPooledConnection()} is true:
   * for the next user of the connection.
   */
  public synchronized List<FixtureSession> idleSessions() {
    return keptPooled ? List.copyOf(idleSessions) : List.of();
  }

  /** A new sender for {@code endpoint}, on a session of its own. */
  public MessageSender sender(Endpoint endpoint) {
    Connection c = connectionFor(endpoint);
    FixtureSession session = session(c, endpoint);
    return register(
        JmsMessageSender.open(
            session, endpoint, this::deregister, this, link -> endSession(session, link)),
        c);
  }

  /** A new receiver for {@code endpoint}, listening before this returns. */
  /** The host's journal, for the near-miss hint of a receiver that waited in vain. */
  public void journal(MessageJournal journal) {
    this.journal = journal;
  }

  /** How {@link #awaitSettled} waits for the host: set by the host's handle. */
  void settler(Consumer<Duration> settler) {
    this.settler = settler;
  }

  /** Waits until the host settles (see {@code TestBroker.awaitSettled}). */
  void awaitSettled(Duration timeout) {
    Consumer<Duration> current = settler;
    if (current == null) {
      throw new IllegalStateException(
          "Host \"" + hostName + "\" cannot tell whether it is settled.");
    }
    current.accept(timeout);
  }

  /** The host's journal, or null if none was set. */
  public MessageJournal journal() {
    return journal;
  }

  public MessageReceiver receiver(Endpoint endpoint) {
    Connection c = connectionFor(endpoint);
    FixtureSession session = session(c, endpoint);
    return register(
        JmsMessageReceiver.open(
            session.session(), endpoint, this::deregister, this, link -> endSession(session, link)),
        c);
  }

  /**
   * Closes a fixture's link and keeps its session for the next fixture: opening a session costs a
   * round trip to the broker, and so does closing one.
   */
  private void endSession(FixtureSession session, AutoCloseable link) throws Exception {
    try {
      link.close();
    } catch (Exception e) {
      session.closeQuietly();
      throw e;
    }
    synchronized (this) {
      if (idleSessions.size() < MAX_IDLE_SESSIONS) {
        idleSessions.push(session);
        return;
      }
    }
    session.session().close();
  }

  /** Why the shared connection failed, or null while it is healthy. */
  String connectionFailure() {
    return connectionFailure;
  }

  private Connection connectionFor(Endpoint endpoint) {
    try {
      return connection();
    } catch (JMSException e) {
      throw new MessagingException(
          "Could not connect to host \"" + hostName + "\" for " + endpoint + ": " + e, e);
    }
  }

  private FixtureSession session(Connection c, Endpoint endpoint) {
    try {
      synchronized (this) {
        FixtureSession idle;
        while ((idle = idleSessions.poll()) != null) {
          if (!idle.isClosed()) {
            return idle;
          }
        }
        reserveSession(c, endpoint);
      }
      FixtureSession created = null;
      try {
        created = new FixtureSession(c.createSession(false, Session.AUTO_ACKNOWLEDGE));
      } finally {
        synchronized (this) {
          openingSessions--;
          if (created != null && connection == c) {
            openSessions.add(created);
          }
        }
      }
      return created;
    } catch (JMSException e) {
      throw new MessagingException(
          "Could not open a session for " + endpoint + " on host \"" + hostName + "\": " + e, e);
    }
  }

  /**
   * Fails if one more session would exceed the broker's limit per connection: Broker-J answers a
   * session beyond its channel maximum by closing the whole connection ("channel 256 larger than
   * maximum channel 255"), which would end every other fixture of the host with it.
   */
  private void reserveSession(Connection c, Endpoint endpoint) {
    int limit = limits.sessionsPerConnection();
    if (connection == c && openSessions.size() + openingSessions >= limit) {
      openSessions.removeIf(FixtureSession::isClosed);
    }
    if (connection == c && openSessions.size() + openingSessions >= limit) {
      throw new IllegalStateException(
          "Cannot open "
              + endpoint
              + " on host \""
              + hostName
              + "\": its "
              + (openSessions.size() + openingSessions)
              + " open senders and receivers use all "
              + limit
              + " sessions the broker allows a connection's fixtures (Broker-J's"
              + " qpid.port.sessionCountLimit, less one the client keeps), and each fixture has a"
              + " session of its own. Close"
              + " fixtures you no longer need, or raise the limit with"
              + " EmbeddedBroker.builder().brokerContext(\"qpid.port.sessionCountLimit\", ...).");
    }
    openingSessions++;
  }

  private synchronized Connection connection() throws JMSException {
    if (closed) {
      throw new IllegalStateException(
          "Host \"" + hostName + "\" is closed; create fixtures on an open host.");
    }
    if (connection == null) {
      Connection c = factory.get().createConnection();
      try {
        c.setClientID(clientId);
        FixtureSession.requireSyncSends(c);
        watch(c);
        c.start();
      } catch (JMSException | RuntimeException e) {
        closeQuietly(c);
        throw e;
      }
      connection = c;
      openSessions.clear();
    }
    return connection;
  }

  /**
   * The host (or broker) is restarting, which cuts the shared connection: fixtures opened before
   * fail from now on with {@code reason} in their message, and the next fixture opens a fresh
   * connection without waiting for the client to notice the old one is dead.
   */
  public void restarting(String reason) {
    for (Fixture fixture : fixtures.keySet()) {
      fixture.restarted(reason);
    }
    Connection c;
    synchronized (this) {
      c = connection;
    }
    if (c != null) {
      // Not failed yet as far as the client knows: the restart cuts it a moment later.
      failedNow(c, reason + "; fixtures created before do not reconnect");
    }
  }

  /**
   * Hears of the connection failing (its exception listener) and of the broker closing one
   * receiver's link (its connection listener), to end the waits of the fixtures concerned at once.
   */
  private void watch(Connection c) throws JMSException {
    c.setExceptionListener(e -> failed(c, e));
    if (c instanceof JmsConnection jms) {
      jms.addConnectionListener(linkWatcher);
    }
  }

  /**
   * The broker is about to close every connection of the host: the fixtures on the shared
   * connection end with {@code why} from now on, since fixtures do not reconnect, and the next
   * fixture opens a fresh connection instead of waiting for the client to notice the old one died.
   */
  public void dropping(String why) {
    Connection dropped;
    synchronized (this) {
      dropped = connection;
      if (dropped == null) {
        return;
      }
      connection = null;
      idleSessions.clear();
      openSessions.clear();
    }
    connectionFailure = why;
    fixtures.forEach(
        (fixture, on) -> {
          if (on == dropped) {
            fixture.interrupted(why);
          }
        });
  }

  /**
   * Remembers why, tells the fixtures on the connection, and lets the next fixture open a fresh
   * connection instead of a dead one. qpid-jms also reports here a single consumer or session the
   * broker closed; the connection then still works, and the other fixtures keep it.
   */
  private void failed(Connection failed, Exception e) {
    if (failed instanceof JmsConnection jms && !jms.isFailed() && !jms.isClosed()) {
      return;
    }
    failedNow(failed, describeFailure(e));
  }

  private void failedNow(Connection failed, String why) {
    connectionFailure = why;
    synchronized (this) {
      if (connection == failed) {
        connection = null;
        idleSessions.clear();
        openSessions.clear();
      }
    }
    fixtures.forEach(
        (fixture, on) -> {
          if (on == failed) {
            fixture.interrupted(why);
          }
        });
    closeQuietly(failed);
  }

  private String describeFailure(Exception e) {
    boolean byBroker = false;
    for (Throwable t = e; t != null && !byBroker; t = t.getCause()) {
      byBroker = t instanceof ProviderConnectionRemotelyClosedException;
    }
    return "the connection to host \""
        + hostName
        + "\" "
        + (byBroker ? "was closed by the broker: " : "failed: ")
        + e.getMessage();
  }

  private <T extends Fixture> T register(T fixture, Connection c) {
    fixtures.put(fixture, c);
    synchronized (this) {
      if (closed) {
        closeQuietly(fixture);
        throw new IllegalStateException(
            "Host \"" + hostName + "\" closed while creating a fixture.");
      }
    }
    return fixture;
  }

  private void deregister(AutoCloseable fixture) {
    fixtures.remove(fixture);
  }

  /** Closes every fixture, then the shared connection. Idempotent. */
  @Override
  public void close() {
    detach().run();
  }

  /**
   * Closes every fixture to further use now and returns the slow rest of {@link #close()}, ending
   * their sessions and the connection, for the caller to run now or in the background. Only the
   * first call returns work; later ones return a task that does nothing.
   */
  public Runnable detach() {
    return detach("host \"" + hostName + "\" was closed");
  }

  /**
   * Like {@link #detach()}; {@code why} (e.g. {@code host "x" was closed}) tells the waits that
   * this ends why they ended.
   */
  public Runnable detach(String why) {
    Connection c;
    synchronized (this) {
      if (closed) {
        return () -> {};
      }
      closed = true;
      c = connection;
      connection = null;
    }
    List<Fixture> open = new ArrayList<>();
    for (Fixture fixture : new ArrayList<>(fixtures.keySet())) {
      if (fixture.markClosed(why)) {
        open.add(fixture);
      }
    }
    return () -> {
      boolean allClosed = true;
      for (Fixture fixture : open) {
        try {
          fixture.closeSession(true);
        } catch (RuntimeException e) {
          allClosed = false;
        }
      }
      if (c instanceof JmsConnection jms) {
        // The kept connection serves the next user, who must not reach this host's fixtures.
        jms.removeConnectionListener(linkWatcher);
      }
      if (c != null && c == pooled && allClosed) {
        synchronized (this) {
          keptPooled = true;
        }
      } else {
        synchronized (this) {
          idleSessions.clear();
          openSessions.clear();
        }
        if (c != null) {
          closeQuietly(c);
        }
      }
    };
  }

  private static boolean closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
      return true;
    } catch (Exception e) {
      // Closing is best effort: the host is reset or deleted next, which ends every link anyway.
      return false;
    }
  }

  /** Ends the waits of a receiver whose link the broker closed (e.g. its queue was deleted). */
  private final class LinkWatcher implements JmsConnectionListener {
    @Override
    public void onConsumerClosed(MessageConsumer consumer, Throwable cause) {
      for (Fixture fixture : fixtures.keySet()) {
        if (fixture instanceof JmsMessageReceiver receiver && receiver.uses(consumer)) {
          receiver.interrupted(
              "the broker closed the receiver's link on host \""
                  + hostName
                  + "\": "
                  + (cause == null ? "no reason given" : cause.getMessage()));
        }
      }
    }

    @Override
    public void onConnectionEstablished(java.net.URI remoteURI) {}

    @Override
    public void onConnectionFailure(Throwable error) {}

    @Override
    public void onConnectionInterrupted(java.net.URI remoteURI) {}

    @Override
    public void onConnectionRestored(java.net.URI remoteURI) {}

    @Override
    public void onInboundMessage(JmsInboundMessageDispatch envelope) {}

    @Override
    public void onSessionClosed(Session session, Throwable cause) {}

    @Override
    public void onProducerClosed(jakarta.jms.MessageProducer producer, Throwable cause) {}
  }
}
