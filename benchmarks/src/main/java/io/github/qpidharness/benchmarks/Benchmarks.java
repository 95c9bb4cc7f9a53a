package io.github.qpidharness.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmarks chosen on the command line, prints one Markdown report and writes it to
 * {@code docs/benchmarks.md}. See {@code benchmarks/README.md}.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    Machine machine = Machine.beforeRun();
    List<String> notes = new ArrayList<>();
    List<Figure> figures = new ArrayList<>();
    if (options.includes("start") || options.includes("memory")) {
      figures.addAll(new StartFigures(options, notes).run());
    }
    figures.addAll(new BrokerFigures(options).run());
    if (options.includes("pertest")) {
      figures.add(new PerTestFigure(options).run());
    }
    if (options.includes("latency") || options.includes("throughput")) {
      figures.addAll(new MessagingFigures(options).run());
    }
    if (options.includes("firsttest") || options.includes("suite")) {
      figures.addAll(new SuiteFigures(options).run());
    }
    if (options.includes("storestart") || options.includes("restart")) {
      figures.addAll(new StoreFigures(options).run());
    }

    String report =
        Report.render(machine.afterRun(), options.describe(), figures, comparisons(), notes);
    System.out.println(report);
    Path out = options.out().toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    Progress.say("wrote " + out);
    // Brokers of a failed figure may leave non-daemon threads behind; the report is written.
    System.exit(0);
  }

  /** The targets of issues 3 and 6 that this run can check. */
  static List<Comparison> comparisons() {
    return List.of(
        Comparison.medianAtMost(
            PerTestFigure.TITLE, PerTestFigure.ISOLATED_HOST_FIXTURES, 5.0, "ms"),
        Comparison.atMost(
            StartFigures.FIRST_MESSAGE,
            BrokerUnderTest.Kind.HARNESS.label(),
            BrokerUnderTest.Kind.ARTEMIS.label(),
            1.0),
        Comparison.atMost(
            MessagingFigures.ROUND_TRIP,
            MessagingFigures.FIXTURES_ASSERTION,
            MessagingFigures.RAW_ON_HARNESS,
            2.0),
        Comparison.atMost(
            MessagingFigures.AFTER_SEND,
            MessagingFigures.FIXTURES_ASSERTION,
            MessagingFigures.RAW_ON_HARNESS,
            2.0),
        Comparison.atLeast(
            MessagingFigures.THROUGHPUT,
            MessagingFigures.FIXTURES_ASSERTION,
            MessagingFigures.RAW_ON_HARNESS,
            0.9),
        Comparison.atMost(SuiteFigures.FIRST_TEST, SuiteFigures.HARNESS, SuiteFigures.ARTEMIS, 1.0),
        Comparison.atMost(SuiteFigures.SUITE, SuiteFigures.HARNESS, SuiteFigures.ARTEMIS, 1.0),
        Comparison.atMost(
            SuiteFigures.FIRST_TEST,
            SuiteFigures.HARNESS + SuiteFigures.C1_SUFFIX,
            SuiteFigures.ARTEMIS + SuiteFigures.C1_SUFFIX,
            1.0),
        Comparison.atMost(
            SuiteFigures.SUITE,
            SuiteFigures.HARNESS + SuiteFigures.C1_SUFFIX,
            SuiteFigures.ARTEMIS + SuiteFigures.C1_SUFFIX,
            1.0),
        Comparison.atMost(
            StartFigures.COLD_START,
            BrokerUnderTest.Kind.HARNESS.label(),
            BrokerUnderTest.Kind.ARTEMIS.label(),
            1.0),
        Comparison.atMost(
            StoreFigures.COLD_START, StoreFigures.DERBY, StoreFigures.MEMORY_ALONE, 1.3),
        Comparison.medianAtMost(StoreFigures.HOST_RESTART, StoreFigures.DERBY_EMPTY, 150.0, "ms"),
        Comparison.medianAtMost(
            StoreFigures.BROKER_RESTART, StoreFigures.DERBY_EMPTY, 500.0, "ms"));
  }
}
