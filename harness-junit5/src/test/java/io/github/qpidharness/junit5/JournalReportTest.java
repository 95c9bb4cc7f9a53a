package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.failures;
import static io.github.qpidharness.junit5.EngineRuns.reported;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A failed test's report carries what its host published, bounded, for the CI log. */
class JournalReportTest {

  @Test
  void aFailedTestCarriesItsHostsJournalAsASuppressedExceptionAndAReportEntry() {
    EngineExecutionResults results = run(PublishingCase.class);
    Throwable failure = failures(results).get("publishesThenFails(TestBroker)");

    assertThat(failure).hasMessage("the test's own failure");
    assertThat(failure.getSuppressed()).hasSize(1);
    String report = failure.getSuppressed()[0].toString();
    assertThat(report)
        .matches(
            "Published on host \"[^\"]+\" during the test \\(2 messages\\):\n"
                + "  1\\. queue \"orders\": \"o1\" \\{customer=\"c1\"\\} -> queues \\[orders\\]\n"
                + "  2\\. topic \"events\": \"e1\" \\{\\} -> routed nowhere");
    assertThat(reported(results, JournalReport.KEY))
        .containsEntry("publishesThenFails(TestBroker)", report);
  }

  @Test
  void theReportListsAtMostTwentyMessagesAndCountsTheRest() {
    Throwable failure = failures(run(PublishingCase.class)).get("floodsThenFails(MessageSender)");

    String report = failure.getSuppressed()[0].toString();
    assertThat(report.lines()).hasSize(1 + JournalReport.MAX_ENTRIES + 1);
    assertThat(report).contains("(30 messages)").endsWith("\n  ... and 10 more");
  }

  @Test
  void aPassingTestGetsNoReport() {
    EngineExecutionResults results = run(PublishingCase.class);

    assertThat(failures(results)).doesNotContainKey("publishesAndPasses(TestBroker)");
    assertThat(reported(results, JournalReport.KEY))
        .doesNotContainKey("publishesAndPasses(TestBroker)");
  }

  @WithBroker(queues = "orders", topics = "events")
  static class PublishingCase {
    @Test
    void publishesThenFails(TestBroker host) {
      host.queueSender("orders").send("o1", Map.of("customer", "c1"));
      host.topicSender("events").send("e1");
      throw new AssertionError("the test's own failure");
    }

    @Test
    void floodsThenFails(@Queue("flood") MessageSender sender) {
      for (int i = 0; i < 30; i++) {
        sender.send("m" + i);
      }
      throw new AssertionError("flooded");
    }

    @Test
    void publishesAndPasses(TestBroker host) {
      host.queueSender("orders").send("o1");
    }
  }

  @Test
  void withTheJournalOffAClassesHostRecordsNothingAndJournalSaysWhy() {
    Throwable failure = failures(run(JournalOffCase.class)).get("asksForTheJournal(TestBroker)");

    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The message journal is off for this test (@WithBroker(journal = false)); remove"
                + " journal = false to use journal().");
    assertThat(failure.getSuppressed()).isEmpty();
  }

  @WithBroker(journal = false)
  static class JournalOffCase {
    @Test
    void asksForTheJournal(TestBroker host) {
      host.queueSender("orders").send("o1");
      host.journal();
    }
  }
}
