package io.github.qpidharness.spring;

import io.github.qpidharness.TestBroker;
import io.github.qpidharness.internal.ClientActivity;
import io.github.qpidharness.internal.Durations;
import io.github.qpidharness.internal.VirtualHostBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ConnectionFactory} bean of a {@link WithQpidBroker} context: each new connection
 * reaches the isolated host of the test that runs now. Connections opened during one test stay on
 * its host and are closed when the test ends.
 *
 * <p>It is the context's primary {@code ConnectionFactory}, so Spring Boot's own JMS connection
 * factories back off and its {@code JmsTemplate} and listener container factory use this one.
 */
public final class TestHostConnectionFactory implements ConnectionFactory {
  /** The host and its factory, swapped together so a connection never mixes two tests. */
  private volatile Route route;

  private final ConsumerSignal consumerCreated = new ConsumerSignal();

  TestHostConnectionFactory() {}

  /** The host new connections reach, or empty between tests. */
  public Optional<TestBroker> currentHost() {
    Route current = route;
    return current == null ? Optional.empty() : Optional.of(current.host());
  }

  /**
   * Points new connections at {@code testHost} until {@link #unroute}.
   *
   * @throws IllegalStateException if another test's host is routed: two tests that share the
   *     context run at the same time, and one would get the other's messages
   */
  synchronized void route(TestBroker testHost) {
    Route current = route;
    if (current != null) {
      throw new java.lang.IllegalStateException(
          "This application context's ConnectionFactory already serves another test, on host \""
              + current.host().name()
              + "\": tests that share a @WithQpidBroker context must not run at the same time. Run"
              + " them in one thread (@Execution(ExecutionMode.SAME_THREAD)) or give the classes"
              + " different contexts.");
    }
    route =
        new Route(
            testHost,
            testHost.connectionFactory(),
            ConcurrentHashMap.newKeySet(),
            ConcurrentHashMap.newKeySet(),
            ConcurrentHashMap.newKeySet(),
            new AtomicBoolean(),
            new AtomicInteger(),
            consumerCreated,
            testHost instanceof VirtualHostBroker harnessHost
                ? harnessHost.clientActivity()
                : null);
  }

  ConsumerSignal consumerCreated() {
    return consumerCreated;
  }

  /**
   * Closes the consumers created through this factory since {@link #route}: a listener's receive in
   * progress returns at once instead of at its receive timeout, so its container shuts down fast.
   * Waits for the closes at most {@code wait}: qpid-jms waits for the broker's answer to a consumer
   * close without a limit, and closing the connection ({@link #unroute}) ends such a wait.
   *
   * @return true if every close finished within {@code wait}
   */
  boolean closeConsumers(Duration wait) {
    Route current = route;
    if (current == null) {
      return true;
    }
    Thread closing = new Thread(current::closeConsumers, "qpid-harness-consumer-close");
    closing.setDaemon(true);
    closing.start();
    try {
      closing.join(Math.max(1, Durations.millis(wait)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !closing.isAlive();
  }

  /** Stops routing and closes every connection opened through this factory since {@link #route}. */
  synchronized void unroute() {
    Route previous = route;
    route = null;
    if (previous != null) {
      previous.markStopped();
      previous.opened().forEach(TestHostConnectionFactory::closeQuietly);
    }
  }

  /**
   * Waits, at most {@code wait}, until no receive on the route's consumers is under way and no
   * listener is processing a message one returned: after {@link #closeConsumers}, the moment from
   * which no listener gets a message any more, so that its container can stop without rejecting
   * one.
   */
  void awaitListenersIdle(Duration wait) {
    Route current = route;
    if (current != null) {
      current.awaitIdle(Durations.nanos(wait));
    }
  }

  /**
   * Tells the receives held on consumers {@link #closeConsumers closed} before their containers
   * stopped that the containers are stopped now: they return {@code null}.
   */
  void containersStopped() {
    Route current = route;
    if (current != null) {
      current.markStopped();
    }
  }

  @Override
  public Connection createConnection() throws JMSException {
    Route current = current();
    return current.track(current.factory().createConnection());
  }

  @Override
  public Connection createConnection(String userName, String password) throws JMSException {
    Route current = current();
    return current.track(current.factory().createConnection(userName, password));
  }

  @Override
  public JMSContext createContext() {
    Route current = currentForContext();
    return current.track(current.factory().createContext());
  }

  @Override
  public JMSContext createContext(String userName, String password) {
    Route current = currentForContext();
    return current.track(current.factory().createContext(userName, password));
  }

  @Override
  public JMSContext createContext(String userName, String password, int sessionMode) {
    Route current = currentForContext();
    return current.track(current.factory().createContext(userName, password, sessionMode));
  }

  @Override
  public JMSContext createContext(int sessionMode) {
    Route current = currentForContext();
    return current.track(current.factory().createContext(sessionMode));
  }

  private Route current() throws JMSException {
    Route current = route;
    if (current == null) {
      throw new IllegalStateException(NO_TEST);
    }
    return current;
  }

  private Route currentForContext() {
    Route current = route;
    if (current == null) {
      throw new IllegalStateRuntimeException(NO_TEST);
    }
    return current;
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      // The host closes with the test right after this and takes the connection with it.
    }
  }

  private static final String NO_TEST =
      "No @WithQpidBroker test is running, so there is no host to connect to: the context's"
          + " ConnectionFactory reaches a test's host from the start to the end of that test only."
          + " Connect from a test, a @BeforeEach/@AfterEach method or a JMS listener, not while the"
          + " context starts.";

  @Override
  public String toString() {
    Route current = route;
    // Not the host's name: a name that was read is withdrawn when the host is reused.
    return "TestHostConnectionFactory[" + (current == null ? "between tests" : "in a test") + "]";
  }

  /** One test's host, and what was opened on it, to close when the test ends. */
  private record Route(
      TestBroker host,
      ConnectionFactory factory,
      Set<AutoCloseable> opened,
      Set<MessageConsumer> consumers,
      Set<MessageConsumer> closedConsumers,
      AtomicBoolean containersStopped,
      AtomicInteger receivesUnderWay,
      ConsumerSignal consumerCreated,
      ClientActivity activity)
      implements ConsumerTracking.Events {
    Connection track(Connection connection) {
      opened.add(connection);
      return ConsumerTracking.wrap(connection, this);
    }

    JMSContext track(JMSContext context) {
      opened.add(context);
      return context;
    }

    /** Closes every consumer created so far, so that their receives end. */
    void closeConsumers() {
      for (MessageConsumer consumer : consumers) {
        closedConsumers.add(consumer);
        closeQuietly(consumer);
      }
    }

    @Override
    public void created(MessageConsumer consumer) {
      consumers.add(consumer);
      consumerCreated.signal();
    }

    @Override
    public void receiving() {
      consumerCreated.signal();
    }

    @Override
    public boolean closedByOwner(MessageConsumer consumer) {
      return closedConsumers.contains(consumer);
    }

    @Override
    public void awaitStopped(long millis) {
      long deadline = millis == 0 ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000L;
      synchronized (closedConsumers) {
        while (!containersStopped.get()) {
          long left = deadline == Long.MAX_VALUE ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
          if (deadline != Long.MAX_VALUE && left <= 0) {
            return;
          }
          try {
            closedConsumers.wait(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    @Override
    public void receiveBegins() {
      synchronized (receivesUnderWay) {
        receivesUnderWay.incrementAndGet();
      }
    }

    @Override
    public void receiveEnds() {
      synchronized (receivesUnderWay) {
        receivesUnderWay.decrementAndGet();
        receivesUnderWay.notifyAll();
      }
    }

    /** See {@link TestHostConnectionFactory#awaitListenersIdle}. */
    void awaitIdle(long nanos) {
      long start = System.nanoTime();
      synchronized (receivesUnderWay) {
        while (receivesUnderWay.get() > 0 || (activity != null && activity.busy() > 0)) {
          long left = Durations.remaining(start, nanos);
          if (left <= 0) {
            return;
          }
          try {
            // Woken when a receive ends; a listener that finishes its message is seen at the
            // next look, a millisecond later at most.
            TimeUnit.NANOSECONDS.timedWait(
                receivesUnderWay, Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    /** The containers are stopped: wakes every held receive. */
    void markStopped() {
      synchronized (closedConsumers) {
        containersStopped.set(true);
        closedConsumers.notifyAll();
      }
    }
  }
}
