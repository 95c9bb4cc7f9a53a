package io.github.qpidharness.benchmarks.suites;

import java.util.Map;

/** The three messages every suite test sends: text {@code m1..m3}, properties kind and seq. */
final class SuiteMessages {
  /** Messages per test. */
  static final int COUNT = 3;

  /** Repetitions per test method: 4 classes x 2 methods x 25 = 200 tests per suite. */
  static final int REPETITIONS = 25;

  private SuiteMessages() {}

  static String text(int seq) {
    return "m" + seq;
  }

  /** Message 2 is kind b, the others kind a: a queue receiver per kind gets 2 and 1 of them. */
  static String kind(int seq) {
    return seq == 2 ? "b" : "a";
  }

  static Map<String, Object> properties(int seq) {
    return Map.of("kind", kind(seq), "seq", seq);
  }
}
