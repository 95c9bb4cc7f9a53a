package io.github.qpidharness.examples.spring.benchmark;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one variant of the 5 x 10 order suite (package {@code shared}, {@code quiet}, {@code
 * dirtied} or {@code artemis}) in this JVM, as one launcher session, and records its wall time and
 * the process's CPU time over the same span; with {@code --report} prints the table of all recorded
 * variants with ratios against the Artemis variant. Run by {@code -Pspring-benchmark}.
 */
public final class SpringSuiteBenchmark {
  private static final List<String> VARIANTS = List.of("shared", "quiet", "dirtied", "artemis");

  private SpringSuiteBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path results = Path.of(args[1]);
    if (args[0].equals("--report")) {
      report(results);
      return;
    }
    String variant = args[0];
    if (!VARIANTS.contains(variant)) {
      throw new IllegalArgumentException(
          "Unknown variant \"" + variant + "\": use one of " + VARIANTS + " or --report.");
    }
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    long cpuStart = cpuNanos();
    long start = System.nanoTime();
    try (LauncherSession session = LauncherFactory.openSession()) {
      session
          .getLauncher()
          .execute(
              request()
                  .selectors(
                      selectPackage(SpringSuiteBenchmark.class.getPackageName() + "." + variant))
                  .build(),
              summary);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    long cpuMillis = (cpuNanos() - cpuStart) / 1_000_000;
    TestExecutionSummary result = summary.getSummary();
    if (result.getTestsSucceededCount() != 50 || result.getTotalFailureCount() != 0) {
      result.printFailuresTo(new PrintWriter(System.err, true), 20);
      throw new IllegalStateException(
          "Variant " + variant + ": " + result.getTestsSucceededCount() + " of 50 tests passed.");
    }
    Files.createDirectories(results);
    Files.writeString(results.resolve(variant + ".ms"), millis + " " + cpuMillis);
    System.out.println(
        "spring-benchmark "
            + variant
            + ": 50 tests in "
            + millis
            + " ms, CPU "
            + cpuMillis
            + " ms");
  }

  private static void report(Path results) throws IOException {
    long[] artemis = read(results, "artemis");
    StringBuilder table = new StringBuilder();
    table.append(
        "| variant (5 classes x 10 tests) | wall time | vs Artemis | CPU time | vs Artemis |\n"
            + "|---|---|---|---|---|\n");
    for (String variant : VARIANTS) {
      long[] measured = read(results, variant);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f s | %.2fx | %.2f s | %.2fx |%n",
              describe(variant),
              measured[0] / 1000.0,
              (double) measured[0] / artemis[0],
              measured[1] / 1000.0,
              (double) measured[1] / artemis[1]));
    }
    System.out.print(table);
  }

  /** Wall and CPU milliseconds recorded for {@code variant}. */
  private static long[] read(Path results, String variant) throws IOException {
    String[] fields = Files.readString(results.resolve(variant + ".ms")).trim().split(" ");
    return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
  }

  /** CPU time of this process (every thread: tests, brokers, clients, JIT, GC). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String describe(String variant) {
    return switch (variant) {
      case "shared" -> "qpid-harness, @WithQpidBroker, one context, untilSettled()";
      case "quiet" -> "qpid-harness, @WithQpidBroker, one context, 200 ms quiet period";
      case "dirtied" -> "qpid-harness, @WithQpidBroker, @DirtiesContext per class, untilSettled()";
      default -> "Boot embedded Artemis, @DirtiesContext per class";
    };
  }
}
