package io.github.qpidharness;

import io.github.qpidharness.internal.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * How a queue is declared: standard or priority, and what happens to messages that keep failing.
 *
 * <p>Immutable; each {@code with...} method returns a copy. Start from {@link #standard()} or
 * {@link #priority(int)}.
 */
public final class QueueOptions {
  private static final int MAX_PRIORITIES = 256;

  private final int priorities;
  private final int maximumDeliveryAttempts;
  private final String deadLetterQueue;

  private QueueOptions(int priorities, int maximumDeliveryAttempts, String deadLetterQueue) {
    this.priorities = priorities;
    this.maximumDeliveryAttempts = maximumDeliveryAttempts;
    this.deadLetterQueue = deadLetterQueue;
  }

  /** A first-in, first-out queue. */
  public static QueueOptions standard() {
    return new QueueOptions(0, 0, null);
  }

  /**
   * A queue that delivers higher JMS priorities first.
   *
   * @param levels how many priority levels the queue keeps apart (JMS uses 10: 0 to 9)
   */
  public static QueueOptions priority(int levels) {
    if (levels < 2 || levels > MAX_PRIORITIES) {
      throw new IllegalArgumentException(
          "Priority levels must be between 2 and "
              + MAX_PRIORITIES
              + " but was "
              + levels
              + "; use 10 for the JMS priorities 0 to 9.");
    }
    return new QueueOptions(levels, 0, null);
  }

  /**
   * After this many failed deliveries (consumer rollbacks or recoveries) a message is moved to the
   * {@linkplain #withDeadLetterQueue dead-letter queue}, or discarded if there is none.
   */
  public QueueOptions withMaximumDeliveryAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException(
          "Maximum delivery attempts must be 1 or more but was " + attempts + ".");
    }
    return new QueueOptions(priorities, attempts, deadLetterQueue);
  }

  /**
   * Where messages go once they exceed the maximum delivery attempts. The dead-letter queue is
   * declared as a standard queue with the main one when it does not exist yet.
   */
  public QueueOptions withDeadLetterQueue(String queueName) {
    Names.requireValidDestination("dead-letter queue", queueName);
    return new QueueOptions(priorities, maximumDeliveryAttempts, queueName);
  }

  /** The priority levels, or 0 for a standard queue. */
  public int priorities() {
    return priorities;
  }

  /** The maximum delivery attempts, or 0 for unlimited. */
  public int maximumDeliveryAttempts() {
    return maximumDeliveryAttempts;
  }

  /** The dead-letter queue's name, if one was set. */
  public Optional<String> deadLetterQueue() {
    return Optional.ofNullable(deadLetterQueue);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QueueOptions other
        && priorities == other.priorities
        && maximumDeliveryAttempts == other.maximumDeliveryAttempts
        && Objects.equals(deadLetterQueue, other.deadLetterQueue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(priorities, maximumDeliveryAttempts, deadLetterQueue);
  }

  @Override
  public String toString() {
    return "QueueOptions{"
        + (priorities == 0 ? "standard" : "priority(" + priorities + ")")
        + (maximumDeliveryAttempts == 0
            ? ""
            : ", maximumDeliveryAttempts=" + maximumDeliveryAttempts)
        + (deadLetterQueue == null ? "" : ", deadLetterQueue=" + deadLetterQueue)
        + "}";
  }
}
