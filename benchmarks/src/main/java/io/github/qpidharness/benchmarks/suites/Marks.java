package io.github.qpidharness.benchmarks.suites;

/** Prints time marks from inside test bodies for the parent benchmark process to read. */
public final class Marks {
  /** Prefix of a mark line on stdout: {@code MARK <name> <epoch millis>}. */
  public static final String PREFIX = "MARK ";

  private Marks() {}

  /** Prints the wall-clock time now under {@code name}. */
  static void mark(String name) {
    System.out.println(PREFIX + name + " " + System.currentTimeMillis());
    System.out.flush();
  }
}
