package io.github.qpidharness.benchmarks;

import java.util.Optional;

/**
 * A target stated as a ratio of two series' medians within one figure, e.g. harness cold start over
 * Artemis cold start at most 1.0.
 *
 * @param figure the figure's title
 * @param numerator label of the series on top
 * @param denominator label of the series below, or null to check the numerator's median itself
 * @param target the target as text, e.g. "<= 1.0"
 * @param limit the bound the ratio must respect
 * @param atMost true when the ratio must be at most {@code limit}, false when at least
 */
record Comparison(
    String figure,
    String numerator,
    String denominator,
    String target,
    double limit,
    boolean atMost) {

  static Comparison atMost(String figure, String numerator, String denominator, double limit) {
    return new Comparison(figure, numerator, denominator, "<= " + limit, limit, true);
  }

  static Comparison atLeast(String figure, String numerator, String denominator, double limit) {
    return new Comparison(figure, numerator, denominator, ">= " + limit, limit, false);
  }

  static Comparison medianAtMost(String figure, String series, double limit, String unit) {
    return new Comparison(figure, series, null, "median <= " + limit + " " + unit, limit, true);
  }

  /** What is compared, for the report. */
  String describe() {
    return denominator == null ? "median of " + numerator : numerator + " / " + denominator;
  }

  /** The measured ratio (or median), when the figure and its series were measured in this run. */
  Optional<Double> ratio(Iterable<Figure> figures) {
    for (Figure candidate : figures) {
      if (candidate.title().equals(figure)) {
        return denominator == null
            ? candidate.find(numerator).map(series -> series.stats().median())
            : candidate.ratio(numerator, denominator);
      }
    }
    return Optional.empty();
  }

  boolean met(double ratio) {
    return atMost ? ratio <= limit : ratio >= limit;
  }
}
