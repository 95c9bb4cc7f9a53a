package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.assertAllPassed;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.junit5.cases.SettledInParallelCase;
import io.github.qpidharness.junit5.cases.parallel.ParallelCase01;
import io.github.qpidharness.junit5.cases.parallel.ParallelCase02;
import io.github.qpidharness.junit5.cases.parallel.ParallelCase03;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The in-build slice of the parallel suite (3 classes, 30 tests); the full one is {@code
 * -Pparallel-suite}.
 */
class ParallelTest {
  static final Map<String, String> CONCURRENT =
      Map.of(
          "junit.jupiter.execution.parallel.enabled", "true",
          "junit.jupiter.execution.parallel.mode.default", "concurrent",
          "junit.jupiter.execution.parallel.mode.classes.default", "concurrent");

  @Test
  void testsOnTheSameNamesRunConcurrentlyWithoutCrossTalk() {
    EngineExecutionResults results =
        EngineRuns.run(
            CONCURRENT, ParallelCase01.class, ParallelCase02.class, ParallelCase03.class);

    assertAllPassed(results, 30);
    assertThat(maxOverlap(results)).isGreaterThan(1);
  }

  @Test
  void aHostSettlesWhileAnotherTestsHostIsBusy() {
    assertAllPassed(EngineRuns.run(CONCURRENT, SettledInParallelCase.class), 2);
  }

  /** The most tests that were running at one moment, from the engine's start and finish events. */
  private static int maxOverlap(EngineExecutionResults results) {
    Map<UniqueId, Instant> started = new HashMap<>();
    List<Instant[]> intervals = new ArrayList<>();
    for (Event event : results.testEvents().list()) {
      UniqueId id = event.getTestDescriptor().getUniqueId();
      switch (event.getType()) {
        case STARTED -> started.put(id, event.getTimestamp());
        case FINISHED -> intervals.add(new Instant[] {started.get(id), event.getTimestamp()});
        default -> {}
      }
    }
    int max = 0;
    for (Instant[] a : intervals) {
      int running = 0;
      for (Instant[] b : intervals) {
        if (!b[0].isAfter(a[0]) && b[1].isAfter(a[0])) {
          running++;
        }
      }
      max = Math.max(max, running);
    }
    return max;
  }
}
