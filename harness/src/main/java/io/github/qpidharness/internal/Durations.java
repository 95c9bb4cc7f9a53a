package io.github.qpidharness.internal;

import java.time.Duration;

/**
 * Duration arithmetic that saturates instead of overflowing: a wait of a thousand years is a wait
 * for as long as a {@code long} of nanoseconds reaches (~292 years), not an {@link
 * ArithmeticException}. Not API.
 */
public final class Durations {
  private Durations() {}

  /** {@code d} in nanoseconds, or {@link Long#MAX_VALUE} if it does not fit; d must be >= 0. */
  public static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** {@code d} in milliseconds, or {@link Long#MAX_VALUE} if it does not fit; d must be >= 0. */
  public static long millis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The nanoseconds left of a wait of {@code totalNanos} begun at {@code startNanos} (a {@link
   * System#nanoTime()} value); computed from the elapsed time, which cannot overflow, rather than
   * from a deadline, which can.
   */
  public static long remaining(long startNanos, long totalNanos) {
    long elapsed = System.nanoTime() - startNanos;
    return elapsed >= totalNanos ? 0 : totalNanos - elapsed;
  }

  /**
   * {@code d}, checked for a wait: {@code what} (e.g. "Timeout") names it in the error.
   *
   * @throws IllegalArgumentException if {@code d} is null or negative
   */
  public static Duration requireWait(String what, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(
          what + " must be zero or positive but was " + d + "; use e.g. Duration.ofSeconds(5).");
    }
    return d;
  }
}
