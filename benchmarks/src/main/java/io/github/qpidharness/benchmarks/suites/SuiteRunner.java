package io.github.qpidharness.benchmarks.suites;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.Arrays;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The program of each fresh JVM of the suite figures: runs the named test classes through the JUnit
 * Platform Launcher, in one launcher session as build tools do, and prints a {@code RESULT} line.
 */
public final class SuiteRunner {
  /** Prefix of the result line on stdout. */
  public static final String RESULT = "RESULT ";

  private SuiteRunner() {}

  /** Runs the test classes named in {@code args}; exits 1 if a test failed. */
  public static void main(String[] args) {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    try (LauncherSession session = LauncherFactory.openSession()) {
      session
          .getLauncher()
          .execute(
              LauncherDiscoveryRequestBuilder.request()
                  .selectors(Arrays.stream(args).map(name -> selectClass(name)).toList())
                  .build(),
              summary);
    }
    TestExecutionSummary result = summary.getSummary();
    if (result.getTotalFailureCount() > 0) {
      result.printFailuresTo(new PrintWriter(System.err, true), 20);
    }
    System.out.println(
        RESULT
            + "tests="
            + result.getTestsSucceededCount()
            + " failed="
            + result.getTotalFailureCount());
    System.out.flush();
    // Non-daemon threads of a broker that failed to stop must not keep the parent waiting.
    System.exit(result.getTotalFailureCount() > 0 || result.getTestsSucceededCount() == 0 ? 1 : 0);
  }
}
