package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs a wait on a thread of its own, for a test to end it from outside and see how it ended. */
final class Waiter implements AutoCloseable {
  /** Far below the waits' own (endless) timeouts, far above what ending them takes. */
  private static final long BOUND_SECONDS =
      HarnessTimeouts.scaled(java.time.Duration.ofSeconds(30)).toSeconds();

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final Future<?> wait;

  Waiter(Runnable wait) {
    this.wait = executor.submit(wait);
  }

  /** What the wait threw; fails if it returned, or is still waiting after the bound. */
  Throwable failure() throws InterruptedException {
    try {
      wait.get(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("The wait did not end within " + BOUND_SECONDS + " s", e);
    }
    assertThat(wait).as("the wait ended without a failure").isNull();
    throw new AssertionError("unreachable");
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
