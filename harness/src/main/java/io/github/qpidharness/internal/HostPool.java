package io.github.qpidharness.internal;

import io.github.qpidharness.HarnessTimeouts;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps isolated hosts ready ahead of need and recycles used ones in the background, so that
 * handing a test a fresh host costs microseconds instead of the ~20-40 ms Broker-J needs to build
 * one. Not API.
 *
 * <p>A returned host is reset (see {@link PooledHost#reset}) rather than deleted: a reset costs a
 * few milliseconds, a delete and a rebuild several tens. A host whose reset fails in any way is
 * deleted instead. Resets run before builds, so a returned host is ready again quickly.
 *
 * <p>One host is built at start, the rest (up to the pool's size) once a host comes back: at start
 * the extra builds would compete with the first test for the CPU. A caller that finds no host ready
 * waits for a build or reset under way, one per waiting caller, rather than build a second host at
 * the same time; with none under way for it, it builds one itself.
 */
public final class HostPool implements AutoCloseable {
  /** Name prefix of the pool's background thread, so leak checks can recognise it. */
  public static final String THREAD_NAME = "qpid-harness-hosts";

  private static final Logger LOG = LoggerFactory.getLogger(HostPool.class);

  /**
   * How long {@link #take()} waits at most for a host being built or reset in the background before
   * building one itself. The first build of a JVM also opens its first JMS connection (~1 s cold);
   * the bound only guards against work that hangs.
   */
  private static final Duration WORK_WAIT = HarnessTimeouts.scaled(Duration.ofSeconds(5));

  private static final Runnable STOP = () -> {};

  private final BrokerRuntime runtime;
  private final int size;
  private final ConnectionOpener connections;

  /** Last in, first out: the host reset last has the freshest connection and warm caches. */
  private final BlockingDeque<PooledHost> ready = new LinkedBlockingDeque<>();

  private final BlockingDeque<Runnable> work = new LinkedBlockingDeque<>();
  private final Set<PooledHost> owned = ConcurrentHashMap.newKeySet();
  private final Set<String> exposedNames = ConcurrentHashMap.newKeySet();
  private final AtomicInteger queued = new AtomicInteger();

  /** Callers of {@link #take()} waiting for background work; guarded by {@link #idle}. */
  private int waiting;

  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger built = new AtomicInteger();

  /** Signalled whenever a host becomes ready, a reset ends, or a task ends. */
  private final Object idle = new Object();

  private final Thread worker;
  private volatile boolean closed;

  /** Opens the fixtures' connection to a pooled host. */
  @FunctionalInterface
  public interface ConnectionOpener {
    Connection open(String hostName, String clientId) throws JMSException;
  }

  /**
   * @param connections opens the fixtures' connection of a host, in the background
   */
  public HostPool(BrokerRuntime runtime, int size, ConnectionOpener connections) {
    this.runtime = runtime;
    this.size = size;
    this.connections = connections;
    this.worker = new Thread(this::work, THREAD_NAME + "-" + runtime.boundPort());
    worker.setDaemon(true);
    worker.start();
    // One host now, for the first test; the rest once a host comes back (see release), so that
    // building them does not compete with the first test for the CPU.
    if (size > 0) {
      queued.incrementAndGet();
      work.offerLast(this::build);
    }
  }

  /**
   * A host nobody else uses, under a name no earlier user learned. Takes a ready host, else waits
   * for one that a build or reset under way will yield (one per waiting caller), else builds one
   * now on the calling thread.
   */
  public PooledHost take() {
    PooledHost host = ready.pollFirst();
    if (host == null) {
      host = awaitWorkUnderWay();
    }
    if (host == null) {
      host = PooledHost.build(runtime);
      built.incrementAndGet();
      owned.add(host);
      expose(host);
    }
    return host;
  }

  /**
   * The next host a queued build or reset makes ready, or null if every one of them is already
   * spoken for by an earlier caller (or the work hangs). Waiting beats building a second host at
   * the same time: at start-up both compete for the same two cores, and a reset takes a few ms.
   */
  private PooledHost awaitWorkUnderWay() {
    long deadline = System.nanoTime() + WORK_WAIT.toNanos();
    synchronized (idle) {
      waiting++;
      try {
        PooledHost host;
        while ((host = ready.pollFirst()) == null && queued.get() >= waiting) {
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
   * comes next.
   *
   * @return false if work was still going on after {@code timeout}
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (queued.get() > 0) {
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
    String name = host.name();
    synchronized (this) {
      if (!closed) {
        host.closeClientsLater(closeClients);
        queued.incrementAndGet();
        work.offerFirst(
            () -> {
              try {
                host.closeClients();
                recycle(
                    host, user.keptPooledConnection(), user.idleSessions(), !user.nameGivenOut());
              } finally {
                // A withdrawn name is free for createHost(name) only now; a kept one stays taken.
                if (!host.exposedAs(name)) {
                  exposedNames.remove(name);
                }
              }
              topUp();
            });
        return;
      }
    }
    // Stopping the broker removes the host; only the clients need closing.
    exposedNames.remove(name);
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
    queued.incrementAndGet();
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
      queued.decrementAndGet();
      return () -> {};
    }
    try {
      if (paused.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
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

  /**
   * Cancels the work not started, lets the running task finish, and closes the client connections
   * of every pooled host. The hosts themselves go with the broker.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    work.clear();
    work.offerFirst(STOP);
    try {
      worker.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      LOG.warn("Host pool work did not finish in 30 s; leaving it to the broker's shutdown");
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
          queued.decrementAndGet();
          idle.notifyAll();
        }
      }
    }
  }

  private void recycle(
      PooledHost host, boolean connectionIdle, List<FixtureSession> sessions, boolean keepName) {
    if (size == 0) {
      delete(host);
      return;
    }
    try {
      host.reset(connectionIdle, sessions, keepName);
    } catch (RuntimeException e) {
      LOG.debug("Deleting host {} instead of reusing it: its reset failed", host.nodeName(), e);
      delete(host);
      topUp();
      return;
    }
    // Hosts that served tests running at once stay too, up to twice the pool's size.
    if (ready.size() >= 2 * size) {
      delete(host);
      return;
    }
    prepare(host);
  }

  private void build() {
    if (closed || ready.size() >= size) {
      return;
    }
    PooledHost host = PooledHost.build(runtime);
    built.incrementAndGet();
    owned.add(host);
    prepare(host);
  }

  /**
   * Gives the host a name (unless it kept the last one) and its fixtures' connection, then makes it
   * ready.
   */
  private void prepare(PooledHost host) {
    if (!host.exposed()) {
      expose(host);
    }
    if (host.connection() == null && !closed) {
      try {
        host.adoptConnection(connections.open(host.name(), host.clientId()));
      } catch (JMSException | RuntimeException e) {
        LOG.debug("Could not open a connection to {}; fixtures will open one", host.name(), e);
      }
    }
    if (closed) {
      host.closeConnection();
      return;
    }
    synchronized (idle) {
      ready.addFirst(host);
      idle.notifyAll();
    }
  }

  private void expose(PooledHost host) {
    String name;
    do {
      name = "isolated-" + sequence.incrementAndGet();
    } while (runtime.hostNode(name) != null);
    exposedNames.add(name);
    host.expose(name);
  }

  private void delete(PooledHost host) {
    owned.remove(host);
    try {
      host.delete();
    } catch (RuntimeException e) {
      LOG.warn("Could not delete host {}", host.nodeName(), e);
    }
  }

  /**
   * Queues builds until ready hosts plus those on the way reach the pool's size. Runs on the
   * worker, from a task that {@link #queued} still counts: that one is not on the way to a host.
   */
  private void topUp() {
    while (!closed && ready.size() + queued.get() - 1 < size) {
      queued.incrementAndGet();
      work.offerLast(this::build);
    }
  }
}
