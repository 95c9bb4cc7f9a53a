package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.assertAllPassed;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The build log's filter lets through every line a test did not declare as expected. */
class ExpectedLogTest {

  @Test
  void anExpectedEntryAndItsStackTraceAreKeptOutAndAnyOtherLineStillShows() {
    PrintStream original = System.err;
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    System.setErr(new PrintStream(seen, true, StandardCharsets.UTF_8));
    try {
      assertAllPassed(run(LoggingCase.class), 1);
    } finally {
      System.setErr(original);
    }

    String log = seen.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("WARN io.github.qpidharness.junit5.LoggingCase - a real problem")
        .doesNotContain("provoked on purpose")
        .doesNotContain("IllegalStateException: the provoked cause");
  }

  static class LoggingCase {
    @Test
    @ExpectedLog("provoked on purpose")
    void logs() {
      var log = LoggerFactory.getLogger("io.github.qpidharness.junit5.LoggingCase");
      log.error("provoked on purpose", new IllegalStateException("the provoked cause"));
      log.warn("a real problem");
    }
  }
}
