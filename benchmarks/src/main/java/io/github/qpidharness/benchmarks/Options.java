package io.github.qpidharness.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options.
 *
 * @param figures the figure groups to run
 * @param runs fresh JVMs per broker for start-up figures, and the scale of every other sample count
 * @param quick fewer in-process samples and messages, to check the tooling rather than to publish
 * @param messages messages per throughput run
 * @param out where the Markdown report is written
 */
record Options(Set<String> figures, int runs, boolean quick, int messages, Path out) {
  static final List<String> ALL =
      List.of(
          "start",
          "memory",
          "stop",
          "host",
          "connect",
          "pertest",
          "latency",
          "throughput",
          "firsttest",
          "suite",
          "storestart",
          "restart");

  static final String USAGE =
      """
      Usage: java -jar benchmarks/target/benchmarks.jar [options]
        --only=a,b      figure groups to run, from: start, memory, stop, host, connect, pertest,
                        latency, throughput, firsttest, suite, storestart, restart
                        (default: all)
        --runs=N        fresh JVMs per broker for start/memory (default 5); other sample counts scale
                        with it
        --quick         fewer samples and 2,000 messages per throughput run: checks the tooling only
        --messages=N    messages per throughput run (default 10000)
        --out=PATH      where to write the Markdown report (default docs/benchmarks.md)
      """;

  static Options parse(String... args) {
    Set<String> figures = new LinkedHashSet<>(ALL);
    int runs = 5;
    boolean quick = false;
    Integer messages = null;
    Path out = Path.of("docs", "benchmarks.md");
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
      } else if (arg.startsWith("--only=")) {
        figures = new LinkedHashSet<>();
        for (String name : arg.substring("--only=".length()).split(",")) {
          if (!ALL.contains(name.trim())) {
            throw new IllegalArgumentException(
                "Unknown figure group \"" + name + "\" in " + arg + "; choose from " + ALL + ".");
          }
          figures.add(name.trim());
        }
      } else if (arg.startsWith("--runs=")) {
        runs = positive(arg, "--runs=");
      } else if (arg.startsWith("--messages=")) {
        messages = positive(arg, "--messages=");
      } else if (arg.startsWith("--out=")) {
        out = Path.of(arg.substring("--out=".length()));
      } else {
        throw new IllegalArgumentException("Unknown option \"" + arg + "\".\n" + USAGE);
      }
    }
    return new Options(
        Set.copyOf(figures),
        runs,
        quick,
        messages != null ? messages : quick ? 2_000 : 10_000,
        out);
  }

  boolean includes(String figure) {
    return figures.contains(figure);
  }

  /** A sample count of {@code perRun} per run, a tenth of it in a quick run (at least one). */
  int samples(int perRun) {
    return Math.max(1, runs * (quick ? Math.max(1, perRun / 10) : perRun));
  }

  String describe() {
    List<String> chosen = ALL.stream().filter(figures::contains).toList();
    return "--only="
        + String.join(",", chosen)
        + " --runs="
        + runs
        + " --messages="
        + messages
        + (quick ? " --quick (fewer samples: checks the tooling, not for publishing)" : "");
  }

  private static int positive(String arg, String prefix) {
    try {
      int value = Integer.parseInt(arg.substring(prefix.length()));
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // explained below
    }
    throw new IllegalArgumentException(arg + " must be a positive whole number.");
  }
}
