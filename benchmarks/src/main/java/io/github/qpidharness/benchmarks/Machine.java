package io.github.qpidharness.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** What the numbers were measured on, captured at the start and end of a run. */
record Machine(String date, String description, String java, String loadBefore, String loadAfter) {

  static Machine beforeRun() {
    Runtime runtime = Runtime.getRuntime();
    String description =
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + ", "
            + runtime.availableProcessors()
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
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), description, java, load(), "");
  }

  Machine afterRun() {
    return new Machine(date, description, java, loadBefore, load());
  }

  private static String memoryTotal() {
    String kilobytes = procField(Path.of("/proc/meminfo"), "MemTotal:");
    if (kilobytes == null) {
      return "unknown";
    }
    return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kilobytes) / 1024.0 / 1024.0);
  }

  private static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " (1 min)";
    } catch (IOException | RuntimeException e) {
      return "unknown";
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
