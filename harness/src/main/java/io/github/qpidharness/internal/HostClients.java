package io.github.qpidharness.internal;

import io.github.qpidharness.Endpoint;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.MessagingException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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

  private final Set<Fixture> fixtures = ConcurrentHashMap.newKeySet();
  private Connection connection;
  private volatile String connectionFailure;
  private boolean closed;
  private boolean keptPooled;

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
    this.factory = factory;
    this.hostName = hostName;
    this.clientId = clientId;
    this.pooled = pooled;
    if (pooled != null) {
      try {
        pooled.setExceptionListener(e -> failed(pooled, e));
        connection = pooled;
        idleSessions.addAll(pooledSessions);
      } catch (JMSException | RuntimeException e) {
        // Broken already: the first fixture opens a connection of its own.
      }
    }
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
    FixtureSession session = session(endpoint);
    return register(
        JmsMessageSender.open(
            session, endpoint, this::deregister, link -> endSession(session, link)));
  }

  /** A new receiver for {@code endpoint}, listening before this returns. */
  public MessageReceiver receiver(Endpoint endpoint) {
    FixtureSession session = session(endpoint);
    return register(
        JmsMessageReceiver.open(
            session.session(),
            endpoint,
            this::deregister,
            this,
            link -> endSession(session, link)));
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

  private FixtureSession session(Endpoint endpoint) {
    try {
      Connection c = connection();
      synchronized (this) {
        FixtureSession idle;
        while ((idle = idleSessions.poll()) != null) {
          if (!idle.isClosed()) {
            return idle;
          }
        }
      }
      return new FixtureSession(c.createSession(false, Session.AUTO_ACKNOWLEDGE));
    } catch (JMSException e) {
      throw new MessagingException(
          "Could not open a session for " + endpoint + " on host \"" + hostName + "\": " + e, e);
    }
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
        c.setExceptionListener(e -> failed(c, e));
        c.start();
      } catch (JMSException | RuntimeException e) {
        closeQuietly(c);
        throw e;
      }
      connection = c;
    }
    return connection;
  }

  /**
   * The host (or broker) is restarting, which cuts the shared connection: fixtures opened before
   * fail from now on with {@code reason} in their message, and the next fixture opens a fresh
   * connection without waiting for the client to notice the old one is dead.
   */
  public void restarting(String reason) {
    for (Fixture fixture : fixtures) {
      fixture.restarted(reason);
    }
    Connection c;
    synchronized (this) {
      c = connection;
    }
    if (c != null) {
      failed(c, new IllegalStateException(reason + "; fixtures created before do not reconnect"));
    }
  }

  /** Remembers why, and lets the next fixture open a fresh connection instead of a dead one. */
  private void failed(Connection failed, Exception e) {
    connectionFailure = String.valueOf(e);
    synchronized (this) {
      if (connection == failed) {
        connection = null;
        idleSessions.clear();
      }
    }
    closeQuietly(failed);
  }

  private <T extends Fixture> T register(T fixture) {
    fixtures.add(fixture);
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
    for (Fixture fixture : new ArrayList<>(fixtures)) {
      if (fixture.markClosed()) {
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
      if (c != null && c == pooled && allClosed) {
        synchronized (this) {
          keptPooled = true;
        }
      } else {
        synchronized (this) {
          idleSessions.clear();
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
}
