package io.github.qpidharness.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One measured figure: several series of the same quantity, the first of which is the baseline
 * every other series is compared with.
 */
final class Figure {
  /** One variant's samples, e.g. "harness EmbeddedBroker.start()". */
  record Series(String label, Stats stats) {}

  private final String title;
  private final String unit;
  private final int decimals;
  private final boolean higherIsBetter;
  private final List<Series> series = new ArrayList<>();

  Figure(String title, String unit, int decimals, boolean higherIsBetter) {
    this.title = title;
    this.unit = unit;
    this.decimals = decimals;
    this.higherIsBetter = higherIsBetter;
  }

  /** Adds a series; the first one added is the baseline. */
  Figure add(String label, double[] samples) {
    series.add(new Series(label, Stats.of(samples)));
    return this;
  }

  String title() {
    return title;
  }

  String unit() {
    return unit;
  }

  int decimals() {
    return decimals;
  }

  boolean higherIsBetter() {
    return higherIsBetter;
  }

  List<Series> series() {
    return List.copyOf(series);
  }

  Series baseline() {
    return series.get(0);
  }

  Optional<Series> find(String label) {
    return series.stream().filter(s -> s.label().equals(label)).findFirst();
  }

  /** Median of {@code numerator} over median of {@code denominator}, when both were measured. */
  Optional<Double> ratio(String numerator, String denominator) {
    Optional<Series> top = find(numerator);
    Optional<Series> bottom = find(denominator);
    if (top.isEmpty() || bottom.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(top.get().stats().median() / bottom.get().stats().median());
  }
}
