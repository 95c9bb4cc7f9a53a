package io.github.qpidharness.spring;

import io.github.qpidharness.internal.ClientActivity;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a connection so that the message consumers created on it are known, and so that the host
 * knows when the application is processing a message the broker already counts as consumed.
 *
 * <p>Known consumers: closing a consumer ends a receive in progress on it with {@code null}, the
 * way a listener container expects at a stop, where closing its session or connection makes the
 * receive throw (and the container log a warning).
 *
 * <p>Processing: a listener container receives with {@code receive()} and then calls its listener;
 * with automatic acknowledgement the broker takes the message as consumed on receipt, so until the
 * session's next receive (or its commit, rollback, recover or close) the message is reported as in
 * progress to the host's {@link ClientActivity}, which {@code TestBroker.awaitSettled} waits for.
 * (A {@code MessageListener}'s message is acknowledged after its {@code onMessage} returns: the
 * broker sees that one as in progress itself.)
 */
final class ConsumerTracking implements InvocationHandler {
  /** What the wrapped connection tells its owner, and asks it. */
  interface Events {
    /** A consumer was created (the unwrapped one). */
    void created(MessageConsumer consumer);

    /** A consumer begins a receive: its container counts it as registered by then. */
    void receiving();

    /** True if the owner closed {@code consumer} to end its receives (see the class comment). */
    boolean closedByOwner(MessageConsumer consumer);

    /**
     * Holds a receive on a consumer the owner closed until the owner stopped its container, at most
     * {@code millis} (0: no limit), so that the container does not spin on receives that return
     * nothing at once.
     */
    void awaitStopped(long millis);

    /** A receive on the underlying consumer begins. */
    void receiveBegins();

    /** That receive returned (a message it returned is counted as in progress already). */
    void receiveEnds();

    /** Where messages in progress are reported, or null for nowhere. */
    ClientActivity activity();
  }

  private final Object target;
  private final Events events;

  /** The session a proxied session or consumer belongs to; null for a connection. */
  private final SessionWork work;

  /** The sessions of a proxied connection, to end their work when it closes; null otherwise. */
  private final List<SessionWork> sessions;

  private ConsumerTracking(
      Object target, Events events, SessionWork work, List<SessionWork> sessions) {
    this.target = target;
    this.events = events;
    this.work = work;
    this.sessions = sessions;
  }

  /** {@code connection}, reporting its sessions' consumers and their work to {@code events}. */
  static Connection wrap(Connection connection, Events events) {
    return (Connection)
        proxy(
            connection,
            new ConsumerTracking(connection, events, null, new CopyOnWriteArrayList<>()));
  }

  private static Object proxy(Object target, ConsumerTracking handler) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().startsWith("jakarta.jms.") || i == AutoCloseable.class) {
          interfaces.add(i);
        }
      }
    }
    return Proxy.newProxyInstance(
        ConsumerTracking.class.getClassLoader(), interfaces.toArray(Class<?>[]::new), handler);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> method.invoke(target, args);
      };
    }
    String name = method.getName();
    boolean receive = target instanceof MessageConsumer && name.startsWith("receive");
    if (receive && work != null) {
      // The container is back for the next message: it is done with the one before.
      work.done();
    }
    if (receive && events.closedByOwner((MessageConsumer) target)) {
      // Closed to stop the container: a receive that begins now ends like one in progress.
      if (name.equals("receive")) {
        events.awaitStopped(args == null ? 0 : Math.max(1, (Long) args[0]));
      }
      return null;
    }
    if (receive) {
      events.receiving();
      events.receiveBegins();
    }
    Object result = null;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (receive
          && e.getCause() instanceof jakarta.jms.IllegalStateException
          && events.closedByOwner((MessageConsumer) target)) {
        // Closed to stop the container: a receive that begins just after ends like one in progress.
        return null;
      }
      throw e.getCause();
    } finally {
      if (receive) {
        if (result instanceof Message && work != null) {
          // Counted before the receive ends, so that its message is never in nobody's hands.
          work.started();
        }
        events.receiveEnds();
      }
      if (ends(name)) {
        if (work != null) {
          work.done();
        }
        if (sessions != null) {
          sessions.forEach(SessionWork::done);
        }
      }
    }
    if (result instanceof Session session && sessions != null) {
      SessionWork sessionWork = new SessionWork(events.activity());
      sessions.add(sessionWork);
      return proxy(session, new ConsumerTracking(session, events, sessionWork, null));
    }
    if (result instanceof MessageConsumer consumer && work != null) {
      events.created(consumer);
      return proxy(consumer, new ConsumerTracking(consumer, events, work, null));
    }
    return result;
  }

  /** Calls after which the session (or connection) has no message in progress. */
  private boolean ends(String name) {
    return switch (name) {
      case "commit", "rollback", "recover" -> target instanceof Session;
      case "close" -> !(target instanceof MessageConsumer);
      default -> false;
    };
  }

  /** Whether one session's application is processing a message it received. */
  private static final class SessionWork {
    private final ClientActivity activity;
    private boolean busy;

    SessionWork(ClientActivity activity) {
      this.activity = activity;
    }

    synchronized void started() {
      if (!busy && activity != null) {
        busy = true;
        activity.begin();
      }
    }

    synchronized void done() {
      if (busy) {
        busy = false;
        activity.end();
      }
    }
  }
}
