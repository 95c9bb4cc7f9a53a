package io.github.qpidharness.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.qpid.server.model.VirtualHostNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a few fresh virtual hosts ready and deletes used ones in the background, so that handing a
 * test an isolated host costs microseconds instead of the ~20-40 ms Broker-J needs to build one.
 * Not API.
 */
public final class HostPool implements AutoCloseable {
  /** Name prefix of the pool's background thread, so leak checks can recognise it. */
  public static final String THREAD_NAME = "qpid-harness-hosts";

  private static final Logger LOG = LoggerFactory.getLogger(HostPool.class);

  private final BrokerRuntime runtime;
  private final int size;
  private final BlockingQueue<VirtualHostNode<?>> ready = new LinkedBlockingQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final ExecutorService worker;

  public HostPool(BrokerRuntime runtime, int size) {
    this.runtime = runtime;
    this.size = size;
    this.worker =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, THREAD_NAME + "-" + runtime.boundPort());
              thread.setDaemon(true);
              return thread;
            });
    for (int i = 0; i < size; i++) {
      submit(this::refill);
    }
  }

  /** A fresh host nobody has used, created now if none is ready. */
  public VirtualHostNode<?> take() {
    VirtualHostNode<?> node = ready.poll();
    if (node == null) {
      node = runtime.createHostNode(nextName());
    }
    if (size > 0) {
      submit(this::refill);
    }
    return node;
  }

  /** Deletes a used host in the background; {@link #close()} waits for it. */
  public void release(VirtualHostNode<?> node) {
    if (!submit(() -> delete(node))) {
      delete(node);
    }
  }

  /** Waits for pending deletions and deletes the hosts still waiting to be used. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("Host pool work did not finish in 30 s; stopping it");
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
    List<VirtualHostNode<?>> unused = new ArrayList<>();
    ready.drainTo(unused);
    unused.forEach(this::delete);
  }

  private void refill() {
    if (ready.size() < size) {
      ready.add(runtime.createHostNode(nextName()));
    }
  }

  private void delete(VirtualHostNode<?> node) {
    try {
      runtime.asSystem(
          "deleteHost",
          () -> {
            node.delete();
            return null;
          });
    } catch (RuntimeException e) {
      LOG.warn("Could not delete host {}", node.getName(), e);
    }
  }

  private boolean submit(Runnable task) {
    try {
      worker.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.warn("Host pool task failed", e);
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private String nextName() {
    return "isolated-" + sequence.incrementAndGet();
  }
}
