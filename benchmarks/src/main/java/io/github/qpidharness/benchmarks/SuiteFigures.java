package io.github.qpidharness.benchmarks;

import io.github.qpidharness.benchmarks.suites.Marks;
import io.github.qpidharness.benchmarks.suites.SuiteRunner;
import io.github.qpidharness.junit5.WithBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figures that run real JUnit test classes in a fresh JVM each, through the JUnit Platform Launcher
 * ({@link SuiteRunner}): time from process start to the first assertion of a one-test run (issue 6
 * figure 1), and whole-process wall time of a 200-test suite (figure 5), harness vs Artemis
 * embedded with plain JUnit code. Variants take turns run by run.
 */
final class SuiteFigures {
  static final String FIRST_TEST = "first test: process start to first assertion passed";
  static final String SUITE = "200-test suite: process wall time";
  static final String ARTEMIS = "Artemis embedded, plain JUnit 5";
  static final String HARNESS = "harness @WithBroker";
  static final String HARNESS_LAZY = "harness @WithBroker, eagerStart=false";

  /** The JIT setting of the C1-only variants: no C2, whose compiles dominate a short test JVM. */
  static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  static final String C1_SUFFIX = ", C1 only (" + C1_ONLY + ")";
  private static final long CHILD_TIMEOUT_SECONDS = 300;
  private static final String SUITES = "io.github.qpidharness.benchmarks.suites.";

  /** One way of running a test run in a fresh JVM, on this JVM's class path. */
  private record Variant(
      String label, List<String> jvmOptions, List<String> classes, boolean classDataSharing) {
    Variant(String label, List<String> jvmOptions, List<String> classes) {
      this(label, jvmOptions, classes, false);
    }

    /** The same run with an application class-data archive that its warm-up run writes. */
    Variant withClassDataSharing() {
      return new Variant(label + ", AppCDS archive", jvmOptions, classes, true);
    }

    /** The same run with the JIT's optimizing compiler (C2) off. */
    Variant withC1Only() {
      List<String> options = new ArrayList<>(jvmOptions);
      options.add(C1_ONLY);
      return new Variant(label + C1_SUFFIX, List.copyOf(options), classes, classDataSharing);
    }
  }

  private final Options options;

  SuiteFigures(Options options) {
    this.options = options;
  }

  List<Figure> run() throws IOException, InterruptedException {
    List<Figure> figures = new ArrayList<>();
    String lazy = "-D" + WithBroker.EAGER_START_PARAMETER + "=false";
    if (options.includes("firsttest")) {
      Variant artemis = new Variant(ARTEMIS, List.of(), List.of(SUITES + "FirstTestArtemis"));
      Variant harness = new Variant(HARNESS, List.of(), List.of(SUITES + "FirstTestHarness"));
      List<Variant> variants =
          List.of(
              artemis,
              harness,
              new Variant(HARNESS_LAZY, List.of(lazy), List.of(SUITES + "FirstTestHarness")),
              artemis.withClassDataSharing(),
              harness.withClassDataSharing(),
              artemis.withC1Only(),
              harness.withC1Only());
      figures.add(measure(FIRST_TEST, variants, true));
    }
    if (options.includes("suite")) {
      Variant artemis = new Variant(ARTEMIS, List.of(), parts("ArtemisSuite"));
      Variant harness = new Variant(HARNESS, List.of(), parts("HarnessSuite"));
      List<Variant> variants =
          List.of(
              artemis,
              harness,
              new Variant(HARNESS_LAZY, List.of(lazy), parts("HarnessSuite")),
              artemis.withC1Only(),
              harness.withC1Only());
      figures.add(measure(SUITE, variants, false));
    }
    return figures;
  }

  private static List<String> parts(String suite) {
    List<String> classes = new ArrayList<>();
    for (int part = 1; part <= 4; part++) {
      classes.add(SUITES + suite + "$Part" + part);
    }
    return classes;
  }

  private Figure measure(String title, List<Variant> variants, boolean firstAssertion)
      throws IOException, InterruptedException {
    Map<Variant, double[]> samples = new LinkedHashMap<>();
    Map<Variant, Path> archives = new LinkedHashMap<>();
    try {
      for (Variant variant : variants) {
        Progress.say(title + ": warm-up JVM for " + variant.label());
        List<String> warmUpOptions = List.of();
        if (variant.classDataSharing()) {
          Path archive = Files.createTempDirectory("suite-cds-").resolve("classes.jsa");
          archives.put(variant, archive);
          warmUpOptions = List.of("-XX:ArchiveClassesAtExit=" + archive);
        }
        spawn(variant, warmUpOptions, firstAssertion); // fills the OS file cache; discarded
        samples.put(variant, new double[options.runs()]);
      }
      for (int run = 0; run < options.runs(); run++) {
        for (Variant variant : variants) {
          Progress.say(title + ": run " + (run + 1) + "/" + options.runs() + " " + variant.label());
          Path archive = archives.get(variant);
          List<String> extra =
              archive == null ? List.of() : List.of("-XX:SharedArchiveFile=" + archive);
          samples.get(variant)[run] = spawn(variant, extra, firstAssertion);
        }
      }
    } finally {
      for (Path archive : archives.values()) {
        Files.deleteIfExists(archive);
        Files.deleteIfExists(archive.getParent());
      }
    }
    Figure figure = new Figure(title, "ms", 0, false);
    samples.forEach((variant, values) -> figure.add(variant.label(), values));
    return figure;
  }

  /**
   * Runs the variant in a fresh JVM: milliseconds from just before the process starts to the test's
   * first-assertion mark, or to the process's exit.
   */
  private static double spawn(Variant variant, List<String> extraOptions, boolean firstAssertion)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("suite-", ".out");
    Path err = Files.createTempFile("suite-", ".err");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(variant.jvmOptions());
      command.addAll(extraOptions);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(SuiteRunner.class.getName());
      command.addAll(variant.classes());
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      long startMillis = System.currentTimeMillis();
      long startNanos = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            variant.label() + " did not finish in " + CHILD_TIMEOUT_SECONDS + " s");
      }
      double wallMillis = (System.nanoTime() - startNanos) / 1e6;
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            variant.label()
                + " failed (exit "
                + process.exitValue()
                + "):\n"
                + String.join("\n", lines)
                + "\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      if (!firstAssertion) {
        return wallMillis;
      }
      String prefix = Marks.PREFIX + "assert ";
      return lines.stream()
          .filter(line -> line.startsWith(prefix))
          .findFirst()
          .map(line -> Long.parseLong(line.substring(prefix.length()).trim()) - startMillis)
          .orElseThrow(
              () -> new IllegalStateException(variant.label() + " printed no assertion mark"));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
