package io.github.qpidharness.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What the numbers were measured on, captured at the start and end of a run.
 *
 * @param loadBefore the 1-minute load average when the run started, NaN where unknown
 * @param loadAfter the 1-minute load average when the run ended, NaN where unknown
 */
record Machine(
    String date, int cores, String description, String java, double loadBefore, double loadAfter) {

  static Machine beforeRun() {
    int cores = Runtime.getRuntime().availableProcessors();
    String description =
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + ", "
            + cores
            + " cores, "
            + memoryTotal()
            + " RAM";
    String java =
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")";
    return new Machine(
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        cores,
        description,
        java,
        load(),
        Double.NaN);
  }

  Machine afterRun() {
    return new Machine(date, cores, description, java, loadBefore, load());
  }

  /**
   * True when other work was using the CPU as the run started: a load average above half a process
   * per core. (The load after the run includes the benchmark's own.)
   */
  boolean busy() {
    return loadBefore > cores * 0.5;
  }

  String loads() {
    return String.format(Locale.ROOT, "%.2f / %.2f", loadBefore, loadAfter);
  }

  private static String memoryTotal() {
    String kilobytes = procField(Path.of("/proc/meminfo"), "MemTotal:");
    if (kilobytes == null) {
      return "unknown";
    }
    return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kilobytes) / 1024.0 / 1024.0);
  }

  private static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The number in a {@code /proc} status-style line such as {@code VmRSS: 1234 kB}, or null. */
  static String procField(Path file, String field) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(field)) {
          return line.substring(field.length()).trim().split("\\s+")[0];
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}
