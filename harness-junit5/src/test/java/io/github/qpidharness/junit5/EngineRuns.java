package io.github.qpidharness.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs case classes on a fresh Jupiter engine and reads what happened, for the real tests. */
final class EngineRuns {
  private EngineRuns() {}

  /** Runs the classes; the engine run (and with it the run's broker) is over when this returns. */
  static EngineExecutionResults run(Class<?>... classes) {
    return run(Map.of(), classes);
  }

  static EngineExecutionResults run(Map<String, String> configuration, Class<?>... classes) {
    List<ClassSelector> selectors = new ArrayList<>();
    for (Class<?> type : classes) {
      selectors.add(selectClass(type));
    }
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(configuration)
        .selectors(selectors.toArray(ClassSelector[]::new))
        .execute();
  }

  /** Test display name -> the failure's message, for every failed test. */
  static Map<String, Throwable> failures(EngineExecutionResults results) {
    Map<String, Throwable> failures = new LinkedHashMap<>();
    for (Event event : results.testEvents().failed().list()) {
      failures.put(
          event.getTestDescriptor().getDisplayName(),
          event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow());
    }
    return failures;
  }

  /** Every value published under {@code key} with {@code TestReporter}, by test display name. */
  static Map<String, String> reported(EngineExecutionResults results, String key) {
    return results.allEvents().reportingEntryPublished().stream()
        .filter(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().containsKey(key))
        .collect(
            Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(),
                e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key),
                (a, b) -> a,
                LinkedHashMap::new));
  }

  /** Asserts that every test of the run passed, showing the failures if not. */
  static void assertAllPassed(EngineExecutionResults results, long expectedTests) {
    Map<String, Throwable> failures = failures(results);
    assertThat(failures)
        .withFailMessage(
            () ->
                "Expecting all tests to pass\nbut these failed:\n"
                    + failures.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n")))
        .isEmpty();
    assertThat(results.testEvents().succeeded().count()).isEqualTo(expectedTests);
  }

  /** Live threads now, to compare before and after a run. */
  static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        // The JVM's shared pool outlives every run by design; its idle workers end after 60 s.
        .filter(t -> !t.getName().startsWith("ForkJoinPool.commonPool-"))
        .collect(Collectors.toSet());
  }

  /**
   * Waits (bounded) for the threads that appeared since {@code before} to end, returning the names
   * of those still alive. Joins each thread, so it returns as soon as they are gone.
   */
  static List<String> threadsStillAliveAfter(Set<Thread> before, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Thread> started =
        liveThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toList());
    for (Thread thread : started) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      thread.join(left);
    }
    return started.stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .sorted()
        .collect(Collectors.toList());
  }
}
