package io.github.qpidharness.spring;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Signalled each time a consumer is created through the {@link TestHostConnectionFactory} and each
 * time one begins a receive (by then its container counts it as registered), so that a wait for a
 * listener container's consumer wakes when one appears.
 */
final class ConsumerSignal {
  /**
   * A container counts its consumer just after creating it, a moment after the signal: re-check at
   * least this often so that the wait never misses that moment.
   */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  synchronized void signal() {
    notifyAll();
  }

  /** Waits until {@code condition} holds or {@code deadline} ({@link System#nanoTime}) passes. */
  synchronized boolean await(BooleanSupplier condition, long deadline) {
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, RECHECK_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return condition.getAsBoolean();
      }
    }
    return true;
  }
}
