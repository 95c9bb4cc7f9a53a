package io.github.qpidharness.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void statsTakeTheMiddleOfAnEvenSeriesAndLeaveP99OutBelowHundredSamples() {
    Stats stats = Stats.of(new double[] {4, 1, 3, 2});

    assertThat(stats).isEqualTo(new Stats(4, 1, 2.5, Double.NaN, 4));
  }

  @Test
  void p99IsTheNearestRankOfAHundredSamples() {
    double[] samples = new double[100];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = i + 1;
    }

    assertThat(Stats.of(samples).p99()).isEqualTo(99);
  }

  @Test
  void tableShowsEverySeriesWithItsRatioToTheBaseline() {
    Figure figure =
        new Figure("connect", "ms", 1, false)
            .add("raw", new double[] {10, 20, 30})
            .add("harness", new double[] {5, 10, 15});

    assertThat(Report.figureTable(List.of(figure)))
        .isEqualTo(
            """
            | Figure | Variant | n | min | median | p99 | max | ratio to baseline |
            |---|---|---:|---:|---:|---:|---:|---:|
            | connect (ms) | raw | 3 | 10.0 | 20.0 | - | 30.0 | 1.00 (baseline) |
            |  | harness | 3 | 5.0 | 10.0 | - | 15.0 | 0.50 |
            """);
  }

  @Test
  void comparisonsAppearOnlyWhenBothSeriesWereMeasured() {
    Figure figure =
        new Figure("start", "ms", 0, false).add("a", new double[] {2}).add("b", new double[] {1});
    Comparison measured = Comparison.atMost("start", "a", "b", 1.0);
    Comparison missing = Comparison.atMost("start", "a", "fixtures", 2.0);

    assertThat(Report.comparisonTable(List.of(figure), List.of(measured, missing)))
        .contains("| start | a / b | 2.00 | <= 1.0 | not met |")
        .doesNotContain("fixtures");
  }

  @Test
  void aTargetOnOneSeriesChecksItsMedian() {
    Figure figure = new Figure("per test", "ms", 1, false).add("fixtures", new double[] {4, 6, 5});

    assertThat(
            Report.comparisonTable(
                List.of(figure),
                List.of(Comparison.medianAtMost("per test", "fixtures", 5.0, "ms"))))
        .contains("| per test | median of fixtures | 5.00 | median <= 5.0 ms | met |");
  }

  @Test
  void unknownFigureGroupsAreRejectedWithTheChoices() {
    assertThatThrownBy(() -> Options.parse("--only=start,colds"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown figure group \"colds\"")
        .hasMessageContaining(
            "[start, memory, stop, host, connect, pertest, latency, throughput, firsttest, suite]");
  }
}
