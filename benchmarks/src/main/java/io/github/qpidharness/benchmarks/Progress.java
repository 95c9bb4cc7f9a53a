package io.github.qpidharness.benchmarks;

/** Progress lines on stderr, so stdout carries only the report. */
final class Progress {
  private Progress() {}

  static void say(String line) {
    System.err.println("[bench] " + line);
  }
}
