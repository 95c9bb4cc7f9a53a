package io.github.qpidharness;

import io.github.qpidharness.internal.Describe;
import io.github.qpidharness.internal.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.IterativePollInterval;

/**
 * AssertJ assertions on a queue's statistics that wait until they hold: the broker signals no
 * change of depth or consumer count, so they poll (with Awaitility, backing off from 1 ms to 50 ms)
 * up to {@link HarnessTimeouts#defaultReceiveTimeout()} unless {@link #within} says otherwise.
 *
 * <pre>{@code
 * assertThatQueue(host, "orders").eventuallyHasDepth(0).eventuallyHasConsumers(1);
 * }</pre>
 */
public class QueueAssert extends AbstractAssert<QueueAssert, String> {
  private static final Duration FIRST_POLL = Duration.ofMillis(1);
  private static final Duration LONGEST_POLL = Duration.ofMillis(50);

  private final TestBroker host;
  private Duration timeout = HarnessTimeouts.defaultReceiveTimeout();

  QueueAssert(TestBroker host, String queue) {
    super(queue, QueueAssert.class);
    this.host = Objects.requireNonNull(host, "host");
  }

  /** Waits up to {@code timeout} instead of {@link HarnessTimeouts#defaultReceiveTimeout()}. */
  public QueueAssert within(Duration timeout) {
    this.timeout = Durations.requireWait("Timeout", timeout);
    return this;
  }

  /**
   * Waits until the queue holds exactly {@code depth} messages (sent but not yet acknowledged).
   *
   * @throws IllegalArgumentException if the queue does not exist (the message lists those that do)
   */
  public QueueAssert eventuallyHasDepth(long depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("Depth must be 0 or more but was " + depth + ".");
    }
    return eventually("have depth " + depth, QueueStats::depth, depth);
  }

  /**
   * Waits until exactly {@code consumers} consumers are attached to the queue.
   *
   * @throws IllegalArgumentException if the queue does not exist (the message lists those that do)
   */
  public QueueAssert eventuallyHasConsumers(int consumers) {
    if (consumers < 0) {
      throw new IllegalArgumentException(
          "Consumer count must be 0 or more but was " + consumers + ".");
    }
    return eventually(
        "have " + consumers + (consumers == 1 ? " consumer" : " consumers"),
        stats -> (long) stats.consumers(),
        consumers);
  }

  private QueueAssert eventually(String to, Function<QueueStats, Long> value, long expected) {
    isNotNull();
    long start = System.nanoTime();
    AtomicReference<QueueStats> last = new AtomicReference<>(host.queueStats(actual));
    Predicate<QueueStats> holds = stats -> value.apply(stats) == expected;
    if (holds.test(last.get())) {
      return this;
    }
    if (!timeout.isZero()) {
      try {
        // A ConditionFactory of our own per wait: Awaitility's static defaults stay the user's.
        Awaitility.await("queue \"" + actual + "\" to " + to)
            .atMost(timeout)
            .pollDelay(FIRST_POLL)
            .pollInterval(
                new IterativePollInterval(
                    previous -> min(previous.multipliedBy(2), LONGEST_POLL), FIRST_POLL))
            .pollInSameThread()
            .dontCatchUncaughtExceptions()
            .until(
                () -> {
                  QueueStats stats = host.queueStats(actual);
                  last.set(stats);
                  return holds.test(stats);
                });
        return this;
      } catch (ConditionTimeoutException e) {
        // Reported below with the last statistics read.
      }
    }
    QueueStats stats = last.get();
    throw failureWithActualExpected(
        value.apply(stats),
        expected,
        "%s",
        HarnessAssertions.layout(
            "queue \"" + actual + "\"",
            to + " within " + Describe.duration(timeout),
            "after "
                + Describe.since(start)
                + " it had depth "
                + stats.depth()
                + ", "
                + stats.consumers()
                + (stats.consumers() == 1 ? " consumer" : " consumers")
                + ", "
                + stats.totalEnqueued()
                + " enqueued and "
                + stats.totalDequeued()
                + " dequeued in all"));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
