package io.github.qpidharness.internal;

import io.github.qpidharness.HarnessTimeouts;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps isolated hosts ready ahead of need and recycles used ones in the background, so that
 * handing a test a fresh host costs microseconds instead of the ~20-40 ms Broker-J needs to build
 * one. Not API.
 *
 * <p>A returned host is reset (see {@link PooledHost#reset}) rather than deleted: a reset costs a
 * few milliseconds, a delete and a rebuild several tens. A host whose reset fails in any way, or
 * that differs from a fresh one, is deleted instead. Every hand-out gets a fresh random name.
 *
 * <p>Builds run one at a time on the pool's thread; resets each on a thread of their own, bounded:
 * a reset is counted on to yield a host for {@link Timing#resetPromise()}, after which the pool
 * builds a replacement, and it is abandoned (its host dropped and deleted as far as the broker lets
 * it) after {@link Timing#resetLimit()}. A stuck host thus costs the next hand-out at most the
 * promise, and never holds up the pool or {@link #close()} for longer than that.
 *
 * <p>One host is built at start, the rest (up to the pool's size) once a host comes back: at start
 * the extra builds would compete with the first test for the CPU. A caller that finds no host ready
 * waits for a build or a reset on time, one per waiting caller, rather than build a second host at
 * the same time; with none under way for it, it builds one itself.
 */
public final class HostPool implements AutoCloseable {
  /** Name prefix of the pool's background threads, so leak checks can recognise them. */
  public static final String THREAD_NAME = "qpid-harness-hosts";

  /** Prefix of every name the pool gives a host; the rest is random. */
  public static final String NAME_PREFIX = "isolated-";

  private static final Logger LOG = LoggerFactory.getLogger(HostPool.class);

  /**
   * How long {@link #take()} waits at most for a host being built in the background before building
   * one itself. The first build of a JVM also opens its first JMS connection (~1 s cold); the bound
   * only guards against work that hangs.
   */
  private static final Duration WORK_WAIT = HarnessTimeouts.scaled(Duration.ofSeconds(5));

  private static final Runnable STOP = () -> {};

  /**
   * How long the pool counts on a reset.
   *
   * @param resetPromise how long a reset counts as yielding a host soon; a reset of a host the size
   *     of a test's takes milliseconds
   * @param resetLimit when a reset still running is abandoned and its host dropped
   */
  public record Timing(Duration resetPromise, Duration resetLimit) {
    /** The pool's usual timing, scaled like every harness timeout. */
    public static Timing standard() {
      return new Timing(
          HarnessTimeouts.scaled(Duration.ofSeconds(1)),
          HarnessTimeouts.scaled(Duration.ofSeconds(10)));
    }
  }

  private final BrokerRuntime runtime;
  private final int size;
  private final ConnectionOpener connections;
  private final Timing timing;

  /** Last in, first out: the host reset last has the freshest connection and warm caches. */
  private final BlockingDeque<PooledHost> ready = new LinkedBlockingDeque<>();

  /** Builds for the pool's thread. */
  private final BlockingDeque<Runnable> work = new LinkedBlockingDeque<>();

  private final Set<PooledHost> owned = ConcurrentHashMap.newKeySet();
  private final Set<String> exposedNames = ConcurrentHashMap.newKeySet();

  /** Resets under way; guarded by {@link #idle}. */
  private final Set<Reset> resetting = ConcurrentHashMap.newKeySet();

  /** Builds queued or running; guarded by {@link #idle}. */
  private int builds;

  /** Resets under way and still on time; guarded by {@link #idle}. */
  private int promisedResets;

  /** Callers of {@link #take()} waiting for background work; guarded by {@link #idle}. */
  private int waiting;

  private final AtomicInteger built = new AtomicInteger();
  private final AtomicInteger abandoned = new AtomicInteger();

  /** Signalled whenever a host becomes ready or background work ends or runs late. */
  private final Object idle = new Object();

  private final Thread worker;
  private final ExecutorService resets;
  private final ScheduledThreadPoolExecutor timers;
  private volatile boolean closed;

  /** Opens the fixtures' connection to a pooled host. */
  @FunctionalInterface
  public interface ConnectionOpener {
    Connection open(String hostName, String clientId) throws JMSException;
  }

  /** A pool with the {@link Timing#standard() standard timing}. */
  public HostPool(BrokerRuntime runtime, int size, ConnectionOpener connections) {
    this(runtime, size, connections, Timing.standard());
  }

  /**
   * @param connections opens the fixtures' connection of a host, in the background
   */
  public HostPool(BrokerRuntime runtime, int size, ConnectionOpener connections, Timing timing) {
    this.runtime = runtime;
    this.size = size;
    this.connections = connections;
    this.timing = timing;
    String suffix = "-" + runtime.boundPort();
    this.resets =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemons(THREAD_NAME + "-reset" + suffix));
    this.timers = new ScheduledThreadPoolExecutor(1, daemons(THREAD_NAME + "-timer" + suffix));
    timers.setRemoveOnCancelPolicy(true);
    this.worker = new Thread(this::work, THREAD_NAME + suffix);
    worker.setDaemon(true);
    worker.start();
    // One host now, for the first test; the rest once a host comes back (see release), so that
    // building them does not compete with the first test for the CPU.
    if (size > 0) {
      synchronized (idle) {
        builds++;
      }
      work.offerLast(this::build);
    }
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * A host nobody else uses, under a fresh random name. Takes a ready host, else waits for one that
   * a build or a reset on time will yield (one per waiting caller), else builds one now on the
   * calling thread.
   *
   * @throws IllegalStateException if the pool is closed
   */
  public PooledHost take() {
    requireOpen();
    PooledHost host = ready.pollFirst();
    if (host == null) {
      host = awaitWorkUnderWay();
    }
    if (host == null) {
      requireOpen();
      host = newHost();
    }
    return host;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The host pool is closed with its broker.");
    }
  }

  /**
   * The next host a queued build or a reset on time makes ready, or null if every one of them is
   * already spoken for by an earlier caller (or the work hangs). Waiting beats building a second
   * host at the same time: at start-up both compete for the same two cores, and a reset takes a few
   * ms.
   */
  private PooledHost awaitWorkUnderWay() {
    long deadline = System.nanoTime() + WORK_WAIT.toNanos();
    synchronized (idle) {
      waiting++;
      idle.notifyAll();
      try {
        PooledHost host;
        while ((host = ready.pollFirst()) == null
            && !closed
            && builds + promisedResets >= waiting) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            return null;
          }
          try {
            idle.wait(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
          }
        }
        return host;
      } finally {
        waiting--;
      }
    }
  }

  /**
   * Waits until no background work is queued or running, for tests that need to know which host
   * comes next. An abandoned reset no longer counts.
   *
   * @return false if work was still going on after {@code timeout}
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (builds > 0 || !resetting.isEmpty()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        idle.wait(left);
      }
    }
    return true;
  }

  /**
   * Waits until {@code callers} callers of {@link #take()} wait for background work, for tests.
   *
   * @return false if fewer did after {@code timeout}
   */
  public boolean awaitCallersWaiting(int callers, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (waiting < callers) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        idle.wait(left);
      }
    }
    return true;
  }

  /** How many hosts this pool has built so far (reused ones count once). */
  public int hostsBuilt() {
    return built.get();
  }

  /** How many hosts this pool dropped because their reset did not end in time. */
  public int hostsAbandoned() {
    return abandoned.get();
  }

  /** True while a pooled host is reachable under {@code name}. */
  public boolean exposes(String name) {
    return exposedNames.contains(name);
  }

  /**
   * Gives a host back: it is reset in the background and ready again soon.
   *
   * @param closeClients ends the last test's fixtures (their sessions); runs first, in the
   *     background
   * @param user the hand-out ending, which says afterwards whether its fixtures left the pre-opened
   *     connection open and idle for the next test
   */
  public void release(PooledHost host, Runnable closeClients, VirtualHostBroker user) {
    synchronized (this) {
      if (!closed) {
        host.closeClientsLater(closeClients);
        Reset reset = new Reset(host);
        synchronized (idle) {
          resetting.add(reset);
          // A pool of none deletes every host that comes back.
          if (size > 0) {
            promisedResets++;
          } else {
            reset.onTime = false;
          }
        }
        reset.start(user);
        return;
      }
    }
    // Stopping the broker removes the host; only the clients need closing.
    exposedNames.remove(host.name());
    closeClients.run();
    host.closeConnection();
  }

  /**
   * Holds the pool's background work (after the task under way ends) until the returned handle is
   * closed, for a broker restart. The hosts ready lose their fixtures' connection, which the
   * restart would cut, so their next users' fixtures open fresh ones.
   *
   * @throws IllegalStateException if the task under way does not end within {@code timeout}
   */
  public AutoCloseable pause(Duration timeout) {
    java.util.concurrent.CountDownLatch paused = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch resumed = new java.util.concurrent.CountDownLatch(1);
    synchronized (idle) {
      // The worker counts every task it runs as a build; this one holds it.
      builds++;
    }
    work.offerFirst(
        () -> {
          paused.countDown();
          try {
            resumed.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    if (!worker.isAlive()) {
      synchronized (idle) {
        builds--;
        idle.notifyAll();
      }
      return () -> {};
    }
    long deadline = System.nanoTime() + Durations.nanos(timeout);
    try {
      if (paused.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && resetsEnded(deadline)) {
        // Closed by us before the restart cuts them, so that the client does not warn about it.
        for (PooledHost host : ready) {
          host.closeConnection();
        }
        return resumed::countDown;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    resumed.countDown();
    throw new IllegalStateException(
        "The host pool's background work did not pause within " + timeout.toMillis() + " ms");
  }

  /** Waits until no reset runs (they run on their own threads), or the deadline passes. */
  private boolean resetsEnded(long deadline) throws InterruptedException {
    synchronized (idle) {
      while (!resetting.isEmpty()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        idle.wait(left);
      }
    }
    return true;
  }

  /**
   * Cancels the builds not started and lets the running one finish; waits for resets under way no
   * longer than they are promised to take; closes the client connections of every pooled host. The
   * hosts themselves go with the broker.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    work.clear();
    work.offerFirst(STOP);
    synchronized (idle) {
      idle.notifyAll();
    }
    timers.shutdownNow();
    resets.shutdown();
    try {
      worker.join(WORK_WAIT.toMillis());
      // Not interrupted: a reset that takes longer is stuck on the broker, which its stop ends.
      if (!resets.awaitTermination(timing.resetPromise().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "A host reset did not finish in {} ms; leaving it to the broker's shutdown",
            timing.resetPromise().toMillis());
      }
      timers.awaitTermination(timing.resetPromise().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      LOG.warn("A host build did not finish in {}; leaving it to the broker's shutdown", WORK_WAIT);
    }
    ready.clear();
    for (PooledHost host : owned) {
      host.closeClients();
      host.closeConnection();
    }
    owned.clear();
  }

  private void work() {
    while (true) {
      Runnable task;
      try {
        task = work.take();
      } catch (InterruptedException e) {
        return;
      }
      if (task == STOP || closed) {
        return;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("Host pool task failed", e);
      } finally {
        synchronized (idle) {
          builds--;
          idle.notifyAll();
        }
      }
    }
  }

  private void build() {
    if (closed || ready.size() >= size) {
      return;
    }
    prepare(newHost(), null);
  }

  private PooledHost newHost() {
    String name = freshName();
    exposedNames.add(name);
    try {
      PooledHost host = PooledHost.build(runtime, name);
      built.incrementAndGet();
      owned.add(host);
      return host;
    } catch (RuntimeException e) {
      exposedNames.remove(name);
      throw e;
    }
  }

  /** A name nobody can guess: reaching a host takes having been told its name. */
  private static String freshName() {
    return NAME_PREFIX + UUID.randomUUID();
  }

  /**
   * Gives the host its fixtures' connection, then makes it ready, unless its reset was abandoned.
   */
  private void prepare(PooledHost host, Reset reset) {
    if (host.connection() == null && !closed) {
      try {
        host.adoptConnection(connections.open(host.name(), host.clientId()));
      } catch (JMSException | RuntimeException e) {
        LOG.debug("Could not open a connection to {}; fixtures will open one", host.name(), e);
      }
    }
    synchronized (idle) {
      if (!closed && (reset == null || resetting.contains(reset))) {
        ready.addFirst(host);
        idle.notifyAll();
        return;
      }
    }
    if (reset != null && reset.dropped && !closed) {
      delete(host);
    } else {
      host.closeConnection();
    }
  }

  private void delete(PooledHost host) {
    owned.remove(host);
    if (!host.responsive(timing.resetPromise())) {
      // Deleting it would wait on the broker's configuration thread, and with it every build.
      LOG.warn("Leaving host {} to the broker's stop: it does not respond", host.nodeName());
      exposedNames.remove(host.name());
      host.closeConnection();
      return;
    }
    try {
      host.delete();
    } catch (RuntimeException e) {
      LOG.warn("Could not delete host {}", host.nodeName(), e);
    } finally {
      exposedNames.remove(host.name());
    }
  }

  /** Queues builds until ready hosts plus those on the way reach the pool's size. */
  private void topUp() {
    synchronized (idle) {
      while (!closed && ready.size() + builds + promisedResets < size) {
        builds++;
        work.offerLast(this::build);
      }
    }
  }

  /** One host's way back into the pool, on a thread of its own, with its deadlines. */
  private final class Reset {
    private final PooledHost host;
    private volatile ScheduledFuture<?> late;
    private volatile ScheduledFuture<?> limit;
    private boolean onTime = true;
    private volatile boolean dropped;

    Reset(PooledHost host) {
      this.host = host;
    }

    void start(VirtualHostBroker user) {
      late = timers.schedule(this::runLate, timing.resetPromise().toNanos(), TimeUnit.NANOSECONDS);
      limit = timers.schedule(this::abandon, timing.resetLimit().toNanos(), TimeUnit.NANOSECONDS);
      resets.execute(() -> run(user));
    }

    private void run(VirtualHostBroker user) {
      try {
        host.closeClients();
        recycle(user.keptPooledConnection(), user.idleSessions());
      } catch (RuntimeException e) {
        LOG.warn("Host pool task failed", e);
      } finally {
        end();
      }
    }

    private void recycle(boolean connectionIdle, List<FixtureSession> sessions) {
      if (size == 0) {
        delete(host);
        return;
      }
      String previous = host.name();
      String next = freshName();
      exposedNames.add(next);
      try {
        host.reset(connectionIdle, sessions, next);
      } catch (RuntimeException e) {
        LOG.debug("Deleting host {} instead of reusing it", host.nodeName(), e);
        delete(host);
        return;
      } finally {
        exposedNames.remove(previous);
      }
      // Hosts that served tests running at once stay too, up to twice the pool's size.
      if (ready.size() >= 2 * size) {
        delete(host);
        return;
      }
      prepare(host, this);
    }

    /** No longer counted on to yield a host soon: a build replaces it. */
    private void runLate() {
      synchronized (idle) {
        if (!resetting.contains(this) || !onTime) {
          return;
        }
        onTime = false;
        promisedResets--;
        idle.notifyAll();
      }
      topUp();
    }

    /**
     * Gives up on the host: it never comes back to the pool, and is deleted only if its reset ends
     * after all, since what holds up its reset would hold up its deletion too, and with it the
     * broker's configuration thread. Its name went first thing.
     */
    private void abandon() {
      synchronized (idle) {
        if (!resetting.contains(this)) {
          return;
        }
        dropped = true;
        abandoned.incrementAndGet();
        owned.remove(host);
        end();
      }
      LOG.warn(
          "Dropping host {}: its reset did not finish in {} ms",
          host.nodeName(),
          timing.resetLimit().toMillis());
      // Not interrupted: Broker-J logs an interrupted wait as an error, and the thread may yet
      // finish, then deleting the host if the host answers again (see prepare).
    }

    /** Ends this reset's claim on the pool, once; false if it had ended already. */
    private boolean end() {
      late.cancel(false);
      limit.cancel(false);
      synchronized (idle) {
        if (!resetting.remove(this)) {
          return false;
        }
        if (onTime) {
          onTime = false;
          promisedResets--;
        }
        // Before anyone waiting for the pool to be idle sees this reset gone.
        topUp();
        idle.notifyAll();
        return true;
      }
    }
  }
}
