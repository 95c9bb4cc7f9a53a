package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.assertAllPassed;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Under JUnit's concurrent execution, the tests that share one host ({@code PER_CLASS}) run one
 * after another, and classes still run in parallel.
 */
class HostLocksTest {
  static final Map<String, String> CONCURRENT =
      Map.of(
          "junit.jupiter.execution.parallel.enabled", "true",
          "junit.jupiter.execution.parallel.mode.default", "concurrent",
          "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
          "junit.jupiter.execution.parallel.config.strategy", "fixed",
          "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

  /**
   * How long a test of the shared-host class waits for the others to start. Running one after
   * another, the first of them waits it out; running at the same time, none would.
   */
  static final Duration RENDEZVOUS = Duration.ofMillis(300);

  static CountDownLatch sameHost;
  static CountDownLatch twoClasses;

  @Test
  void testsOfAPerClassHostNeverRunAtTheSameTime() throws Exception {
    sameHost = new CountDownLatch(3);

    EngineExecutionResults results = run(CONCURRENT, SharedHostCase.class);

    assertAllPassed(results, 3);
    assertThat(maxOverlap(results)).isEqualTo(1);
  }

  @Test
  void perClassHostsOfDifferentClassesStillRunInParallel() {
    twoClasses = new CountDownLatch(2);

    assertAllPassed(run(CONCURRENT, FirstClassCase.class, SecondClassCase.class), 2);
  }

  @Test
  void perMethodIsolationTakesNoLock() {
    HostLocks locks = new HostLocks();

    assertThat(locks.provideForClass(PerMethodCase.class)).isEmpty();
    assertThat(locks.provideForClass(SharedHostCase.class))
        .extracting(lock -> lock.getKey())
        .containsExactly(HostLocks.KEY_PREFIX + SharedHostCase.class.getName());
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

  static void meetTheOthers(CountDownLatch latch, Duration timeout) throws InterruptedException {
    latch.countDown();
    latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @WithBroker(isolation = Isolation.PER_CLASS)
  static class SharedHostCase {
    @Test
    void first(TestBroker host) throws Exception {
      meetTheOthers(sameHost, RENDEZVOUS);
    }

    @Test
    void second(TestBroker host) throws Exception {
      meetTheOthers(sameHost, RENDEZVOUS);
    }

    @Nested
    class Inner {
      @Test
      void nested(TestBroker host) throws Exception {
        meetTheOthers(sameHost, RENDEZVOUS);
      }
    }
  }

  @WithBroker(isolation = Isolation.PER_CLASS)
  static class FirstClassCase {
    @Test
    void meets(TestBroker host) throws Exception {
      twoClasses.countDown();
      assertThat(twoClasses.await(10, TimeUnit.SECONDS))
          .as("the other class ran meanwhile")
          .isTrue();
    }
  }

  @WithBroker(isolation = Isolation.PER_CLASS)
  static class SecondClassCase {
    @Test
    void meets(TestBroker host) throws Exception {
      twoClasses.countDown();
      assertThat(twoClasses.await(10, TimeUnit.SECONDS))
          .as("the other class ran meanwhile")
          .isTrue();
    }
  }

  @WithBroker
  static class PerMethodCase {}
}
