package io.github.qpidharness.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Derby store's figures: cold start next to the memory store's, broker and host restarts, and
 * the per-test overhead on a Derby broker. Every figure runs in a child JVM ({@link StoreChild})
 * whose class path adds Derby ({@code target/lib-derby}): Derby on the class path boots its engine
 * at any broker's start, and the other figures of this run measure the memory store without it.
 */
final class StoreFigures {
  static final String COLD_START = "cold start by store: JVM start to broker ready";
  static final String MEMORY_ALONE = "memory store, no Derby on the class path";
  static final String MEMORY_WITH_DERBY = "memory store, Derby on the class path";
  static final String DERBY = "Store.DERBY";
  static final String BROKER_RESTART = "broker.restart(), warm JVM";
  static final String HOST_RESTART = "TestBroker.restart(), warm JVM";
  static final String PER_TEST =
      "per test on a Derby broker: isolatedHost() + fixtures + one message";
  static final String MEMORY_EMPTY = "memory store, empty";
  static final String DERBY_EMPTY = "Derby store, empty";
  static final String DERBY_FULL = "Derby store, 10,000 persistent messages queued";
  private static final long CHILD_TIMEOUT_SECONDS = 600;

  private final Options options;

  StoreFigures(Options options) {
    this.options = options;
  }

  List<Figure> run() throws IOException, InterruptedException {
    List<Figure> figures = new ArrayList<>();
    if (options.includes("storestart")) {
      Map<String, List<Double>> starts = new LinkedHashMap<>();
      for (String label : List.of(MEMORY_ALONE, MEMORY_WITH_DERBY, DERBY)) {
        starts.put(label, new ArrayList<>());
      }
      for (int run = 0; run <= options.runs(); run++) {
        // Run 0 fills the OS file cache; discarded.
        Progress.say("storestart: run " + run + "/" + options.runs());
        starts.get(MEMORY_ALONE).add(cold(false, "MEMORY", run));
        starts.get(MEMORY_WITH_DERBY).add(cold(true, "MEMORY", run));
        starts.get(DERBY).add(cold(true, "DERBY", run));
      }
      Figure figure = new Figure(COLD_START, "ms", 0, false);
      starts.forEach(
          (label, samples) ->
              figure.add(
                  label, samples.stream().skip(1).mapToDouble(Double::doubleValue).toArray()));
      figures.add(figure);
    }
    if (options.includes("restart")) {
      Progress.say("restart: warm figures in a child JVM");
      Map<String, double[]> results =
          child(
              true,
              "warm",
              Integer.toString(options.samples(10)),
              Integer.toString(options.quick() ? 1_000 : 10_000));
      figures.add(figure(BROKER_RESTART, "broker", results));
      figures.add(figure(HOST_RESTART, "host", results));
      Figure perTest = new Figure(PER_TEST, "ms", 2, false);
      perTest.add("memory store", results.get("pertest.memory"));
      perTest.add("Derby store", results.get("pertest.derby"));
      figures.add(perTest);
    }
    return figures;
  }

  private static Figure figure(String title, String key, Map<String, double[]> results) {
    Figure figure = new Figure(title, "ms", 1, false);
    figure.add(MEMORY_EMPTY, results.get(key + ".memory"));
    figure.add(DERBY_EMPTY, results.get(key + ".derby"));
    figure.add(DERBY_FULL, results.get(key + ".derbyFull"));
    return figure;
  }

  private double cold(boolean derbyOnClassPath, String store, int run)
      throws IOException, InterruptedException {
    return child(derbyOnClassPath, "cold", store).get("start")[0];
  }

  private static Map<String, double[]> child(boolean derbyOnClassPath, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath(derbyOnClassPath));
    command.add(StoreChild.class.getName());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, double[]> results = new LinkedHashMap<>();
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith(StoreChild.RESULT)) {
          String[] parts = line.substring(StoreChild.RESULT.length()).split("=", 2);
          String[] values = parts[1].split(",");
          double[] samples = new double[values.length];
          for (int i = 0; i < values.length; i++) {
            samples[i] = Double.parseDouble(values[i]);
          }
          results.put(parts[0], samples);
        }
      }
    }
    if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("The store child JVM did not finish in time");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("The store child JVM failed: exit " + process.exitValue());
    }
    return results;
  }

  private static String classPath(boolean derbyOnClassPath) throws IOException {
    String base = System.getProperty("java.class.path");
    if (!derbyOnClassPath) {
      return base;
    }
    Path jar = Path.of(base.split(File.pathSeparator)[0]).toAbsolutePath();
    Path derby = jar.getParent().resolve("lib-derby");
    try (Stream<Path> jars = Files.list(derby)) {
      return base
          + File.pathSeparator
          + jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
    }
  }
}
