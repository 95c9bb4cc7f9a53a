package io.github.qpidharness;

/** What became of a journal entry's copy on one queue, as the broker tells it now. */
public enum MessageFate {
  /** On the queue, waiting for a consumer. */
  QUEUED,
  /** Handed to a consumer that has not acknowledged it yet. */
  DELIVERING,
  /** Gone from the queue after a consumer acknowledged it (or the queue was purged). */
  CONSUMED,
  /** Moved to the queue's dead-letter queue (alternate binding). */
  DEAD_LETTERED,
  /** Gone because its time to live ran out (dead-lettered too, if the queue has a DLQ). */
  EXPIRED,
  /** The queue no longer exists, so the broker can tell nothing. */
  QUEUE_DELETED;

  /** The word failure messages use, e.g. "dead-lettered". */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace("queue-", "queue ");
  }
}
