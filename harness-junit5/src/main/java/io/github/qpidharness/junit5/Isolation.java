package io.github.qpidharness.junit5;

/** How long a test's isolated virtual host lives, as chosen by {@link WithBroker#isolation()}. */
public enum Isolation {
  /** Every test method gets a fresh host, deleted after the test: no message survives a test. */
  PER_METHOD,

  /**
   * The tests of the annotated class (and its {@code @Nested} classes) share one host, deleted when
   * the class is done: queues and messages left by one test are seen by the next.
   */
  PER_CLASS
}
