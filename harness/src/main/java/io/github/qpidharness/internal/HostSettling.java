package io.github.qpidharness.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;

/**
 * Waits until a host is settled: no message on any of its queues is held unacknowledged by a
 * consumer, none waits on a queue whose consumers have credit to take it, and no client work that
 * the broker cannot see ({@link ClientActivity}) is under way; seen twice in a row with nothing
 * moved in between, so that the reads of the queues, made one after the other, describe one moment.
 * Not API.
 */
final class HostSettling {
  /** How often the queues are read again while the host is busy (client activity wakes it too). */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private HostSettling() {}

  /**
   * Returns once {@code host} is settled, or throws naming what kept it busy.
   *
   * @param host the running virtual host, or null while it is not running (restarting, in an
   *     outage); throws {@link IllegalStateException} once the host is closed
   * @throws AssertionError if the host is not settled within {@code timeout}
   */
  static void await(
      Supplier<VirtualHost<?>> host, ClientActivity activity, Duration timeout, String hostName) {
    long start = System.nanoTime();
    long total = Durations.nanos(timeout);
    Pass previous = null;
    while (true) {
      Pass pass = Pass.read(host.get(), activity);
      if (pass.settled() && pass.equals(previous)) {
        return;
      }
      long remaining = Durations.remaining(start, total);
      // A settled first read gets its confirming second read even at the deadline (timeout 0).
      boolean confirming = pass.settled() && previous == null;
      previous = pass;
      if (remaining <= 0 && !confirming) {
        throw new AssertionError(unsettled(hostName, timeout, pass));
      }
      try {
        // Re-read at once after a first settled pass; otherwise wait for activity or the recheck.
        long wait = pass.settled() ? 0 : Math.min(Math.max(remaining, 0), RECHECK_NANOS);
        activity.awaitChange(pass.activity(), wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Interrupted while waiting for host \"" + hostName + "\" to settle", e);
      }
    }
  }

  private static String unsettled(String hostName, Duration timeout, Pass pass) {
    StringBuilder s =
        new StringBuilder("Expecting host \"")
            .append(hostName)
            .append("\" to settle within ")
            .append(Describe.duration(timeout))
            .append("\nbut it was still busy:");
    if (pass.settled()) {
      s.append("\n  messages kept moving between queues nobody consumes");
    } else if (pass.queues() == null) {
      s.append("\n  the host is not running (restarting or in an outage)");
    } else {
      for (QueueState queue : pass.queues()) {
        if (!queue.settled()) {
          s.append("\n  ").append(queue.describe());
        }
      }
    }
    if (pass.activity().busy() > 0) {
      s.append("\n  ")
          .append(
              pass.activity().busy() == 1 ? "1 consumer" : pass.activity().busy() + " consumers")
          .append(" of the application still processing a message it received");
    }
    s.append(
        "\nSettled means no message is waiting for a consumer that could take it or is held"
            + " unacknowledged. A consumer whose selector matches none of a queue's messages keeps"
            + " that queue busy: check for nothing more with a quiet period (withQuietPeriod)"
            + " there, or give the host more time.");
    return s.toString();
  }

  /** One read of every queue and of the client activity; {@code queues} is null if not running. */
  private record Pass(List<QueueState> queues, ClientActivity.Snapshot activity) {
    static Pass read(VirtualHost<?> host, ClientActivity activity) {
      // Activity first: work that ends while the queues are read changes the next pass.
      ClientActivity.Snapshot before = activity.snapshot();
      if (host == null) {
        return new Pass(null, before);
      }
      List<QueueState> queues = new ArrayList<>();
      for (Queue<?> queue : host.getChildren(Queue.class)) {
        queues.add(QueueState.of(queue));
      }
      return new Pass(queues, before);
    }

    boolean settled() {
      return queues != null
          && activity.busy() == 0
          && queues.stream().allMatch(QueueState::settled);
    }
  }

  /** What one queue held at one read. */
  private record QueueState(
      String name,
      int depth,
      long unacknowledged,
      int available,
      int consumers,
      int consumersWithCredit,
      long enqueued,
      long dequeued) {
    static QueueState of(Queue<?> queue) {
      return new QueueState(
          queue.getName(),
          queue.getQueueDepthMessages(),
          queue.getUnacknowledgedMessages(),
          queue.getAvailableMessages(),
          queue.getConsumerCount(),
          queue.getConsumerCountWithCredit(),
          queue.getTotalEnqueuedMessages(),
          queue.getTotalDequeuedMessages());
    }

    /** Nothing held by a consumer, and nothing waiting that a consumer could take now. */
    boolean settled() {
      return unacknowledged == 0 && (available == 0 || consumersWithCredit == 0);
    }

    String describe() {
      StringBuilder s = new StringBuilder("queue \"").append(name).append("\": ");
      if (unacknowledged > 0) {
        s.append(Describe.count((int) Math.min(unacknowledged, Integer.MAX_VALUE)))
            .append(" held unacknowledged by its consumers");
      }
      if (available > 0 && consumersWithCredit > 0) {
        s.append(unacknowledged > 0 ? ", " : "")
            .append(Describe.count(available))
            .append(" waiting, ")
            .append(consumersWithCredit)
            .append(consumersWithCredit == 1 ? " consumer" : " consumers")
            .append(" ready to take them (a selector that matches none, or a delivery delay?)");
      }
      return s.append(" (depth ").append(depth).append(')').toString();
    }
  }
}
