package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host's journal records on after a restart of the host, a restart of the broker and an outage:
 * each makes Broker-J build the virtual host anew, with a recorder of its own.
 */
@ExpectedLog({
  "JmsConnection - Connection ID:\\S+ has failed due to: .*",
  "DerbyConfigurationStore - .*"
})
class JournalAcrossRestartsTest {

  @Test
  void theJournalRecordsOnAfterTheHostRestarts() {
    recordsOnAfter((broker, host) -> host.restart());
  }

  @Test
  void theJournalRecordsOnAfterTheBrokerRestarts() {
    recordsOnAfter((broker, host) -> broker.restart());
  }

  @Test
  void theJournalRecordsOnAfterAnOutage() {
    recordsOnAfter((broker, host) -> broker.outage().close());
  }

  private interface Fault {
    void apply(EmbeddedBroker broker, TestBroker host);
  }

  private static void recordsOnAfter(Fault fault) {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestBroker host = broker.isolatedHost()) {
      host.queueSender("orders").send("before");
      assertThat(texts(host.journal().messagesTo("orders"))).containsExactly("before");

      fault.apply(broker, host);
      host.queueSender("orders").send("after");

      // The entries from before went with the old virtual host, as TestBroker.journal() says.
      assertThat(texts(host.journal().messagesTo("orders"))).containsExactly("after");
      HarnessAssertions.assertThat(host.journal())
          .hasPublished("orders", "after", java.util.Map.of());
    }
  }

  private static List<String> texts(List<ReceivedMessage> messages) {
    return messages.stream().map(ReceivedMessage::text).toList();
  }
}
