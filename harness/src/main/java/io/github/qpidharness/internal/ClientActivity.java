package io.github.qpidharness.internal;

/**
 * Work of a host's clients that the broker cannot see: an application's consumer that received a
 * message with automatic acknowledgement (acknowledged on receipt) and is still processing it. A
 * host is not settled while any such work is under way. Not API: client wrappers (the Spring
 * module's connection factory) report to it.
 */
public final class ClientActivity {
  private int busy;
  private long changes;

  /** One piece of work begins (a consumer returned a message to the application). */
  public synchronized void begin() {
    busy++;
    changes++;
    notifyAll();
  }

  /** One piece of work that {@link #begin()} counted ends. */
  public synchronized void end() {
    if (busy == 0) {
      throw new IllegalStateException("ClientActivity.end() without a matching begin()");
    }
    busy--;
    changes++;
    notifyAll();
  }

  /** Pieces of work under way now. */
  public synchronized int busy() {
    return busy;
  }

  /** The work under way now and how often that count changed: read together, at one moment. */
  synchronized Snapshot snapshot() {
    return new Snapshot(busy, changes);
  }

  /** Waits up to {@code nanos} for a change, or returns at once if {@code seen} is out of date. */
  synchronized void awaitChange(Snapshot seen, long nanos) throws InterruptedException {
    if (changes == seen.changes() && nanos > 0) {
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, nanos);
    }
  }

  /** What {@link #snapshot()} read. */
  record Snapshot(int busy, long changes) {}
}
