package io.github.qpidharness.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Figures that need a fresh JVM per run: cold start, first message, stop, memory and threads. Each
 * run spawns {@link ColdStartChild} with this JVM's classpath; the brokers take turns so that noise
 * spreads evenly over them.
 */
final class StartFigures {
  static final String COLD_START = "cold start: JVM start to broker ready";
  static final String FIRST_MESSAGE = "cold start: JVM start to first message received";
  private static final long CHILD_TIMEOUT_SECONDS = 180;

  private final Options options;
  private final List<String> notes;

  StartFigures(Options options, List<String> notes) {
    this.options = options;
    this.notes = notes;
  }

  List<Figure> run() throws IOException, InterruptedException {
    Map<BrokerUnderTest.Kind, List<Map<String, String>>> results =
        new EnumMap<>(BrokerUnderTest.Kind.class);
    for (BrokerUnderTest.Kind kind : BrokerUnderTest.Kind.values()) {
      results.put(kind, new ArrayList<>());
      Progress.say("start: warm-up JVM for " + kind.label());
      spawn(kind); // fills the OS file cache; discarded
    }
    for (int run = 1; run <= options.runs(); run++) {
      for (BrokerUnderTest.Kind kind : BrokerUnderTest.Kind.values()) {
        Progress.say("start: run " + run + "/" + options.runs() + " " + kind.label());
        results.get(kind).add(spawn(kind));
      }
    }

    List<Figure> figures = new ArrayList<>();
    if (options.includes("start")) {
      figures.add(figure(COLD_START, "ms", 0, false, results, "start"));
      figures.add(figure(FIRST_MESSAGE, "ms", 0, false, results, "firstMessage"));
      figures.add(
          figure("stop, in a fresh JVM after one message", "ms", 1, false, results, "stop"));
    }
    if (options.includes("memory")) {
      figures.add(figure("heap used after start and GC", "MB", 1, false, results, "heap"));
      figures.add(figure("RSS after start", "MB", 0, false, results, "rss"));
      figures.add(figure("live threads after start", "threads", 0, false, results, "threads"));
      figures.add(
          figure(
              "threads left 2 s after client and broker close",
              "threads",
              0,
              false,
              results,
              "left"));
      for (BrokerUnderTest.Kind kind : BrokerUnderTest.Kind.values()) {
        TreeSet<String> names = new TreeSet<>();
        for (Map<String, String> result : results.get(kind)) {
          String left = result.getOrDefault("leftNames", "");
          if (!left.isEmpty()) {
            names.addAll(List.of(left.split(",")));
          }
        }
        if (!names.isEmpty()) {
          notes.add("Threads left after close, " + kind.label() + ": " + String.join(", ", names));
        }
      }
    }
    return figures;
  }

  private static Figure figure(
      String title,
      String unit,
      int decimals,
      boolean higherIsBetter,
      Map<BrokerUnderTest.Kind, List<Map<String, String>>> results,
      String key) {
    Figure figure = new Figure(title, unit, decimals, higherIsBetter);
    for (BrokerUnderTest.Kind kind : BrokerUnderTest.Kind.values()) {
      figure.add(
          kind.label(),
          results.get(kind).stream().mapToDouble(r -> Double.parseDouble(r.get(key))).toArray());
    }
    return figure;
  }

  private static Map<String, String> spawn(BrokerUnderTest.Kind kind)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ColdStartChild.class.getName(),
                kind.name())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    // The child prints one short line, far below the pipe's buffer, so waiting first cannot block
    // it.
    if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "The " + kind.label() + " JVM did not finish in " + CHILD_TIMEOUT_SECONDS + " s");
    }
    String result = null;
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith(ColdStartChild.RESULT)) {
          result = line.substring(ColdStartChild.RESULT.length());
        }
      }
    }
    if (process.exitValue() != 0 || result == null) {
      throw new IllegalStateException(
          "The "
              + kind.label()
              + " JVM failed (exit "
              + process.exitValue()
              + "); see its output above");
    }
    Map<String, String> values = new HashMap<>();
    for (String pair : result.split(" ")) {
      int equals = pair.indexOf('=');
      values.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return values;
  }
}
