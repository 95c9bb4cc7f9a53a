package io.github.qpidharness.benchmarks;

import java.util.Arrays;

/** Summary of one series of samples: min, median, p99 and max, in the figure's unit. */
record Stats(int count, double min, double median, double p99, double max) {

  /**
   * Summarises {@code samples} (not modified); p99 is NaN below 100 samples, where it means
   * nothing.
   */
  static Stats of(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("A series needs at least one sample.");
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    return new Stats(
        sorted.length,
        sorted[0],
        percentile(sorted, 50),
        sorted.length >= 100 ? percentile(sorted, 99) : Double.NaN,
        sorted[sorted.length - 1]);
  }

  /** Nearest-rank percentile of sorted samples. */
  static double percentile(double[] sorted, double percent) {
    if (percent == 50 && sorted.length % 2 == 0) {
      return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
