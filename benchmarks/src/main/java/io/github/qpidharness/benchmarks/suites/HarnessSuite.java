package io.github.qpidharness.benchmarks.suites;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.junit5.WithBroker;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Figure 5, harness side: 200 tests (4 classes x 2 methods x 25 repetitions), each on its own
 * isolated host with injected fixtures: 3 messages with properties, asserted on 2 receivers, on a
 * queue (one receiver per selector) or a topic (both receivers get every message).
 */
@WithBroker(queues = "orders", topics = "events")
abstract class HarnessSuite {

  @RepeatedTest(SuiteMessages.REPETITIONS)
  void queue(
      @Queue("orders") MessageSender sender,
      @Queue(value = "orders", selector = "kind = 'a'") MessageReceiver kindA,
      @Queue(value = "orders", selector = "kind = 'b'") MessageReceiver kindB) {
    send(sender);
    assertThat(kindA).receivesMessage(SuiteMessages.text(1), SuiteMessages.properties(1));
    assertThat(kindA).receivesMessage(SuiteMessages.text(3), SuiteMessages.properties(3));
    assertThat(kindB).receivesMessage(SuiteMessages.text(2), SuiteMessages.properties(2));
  }

  @RepeatedTest(SuiteMessages.REPETITIONS)
  void topic(
      @Topic("events") MessageSender sender,
      @Topic("events") MessageReceiver first,
      @Topic("events") MessageReceiver second) {
    send(sender);
    for (MessageReceiver receiver : new MessageReceiver[] {first, second}) {
      for (int seq = 1; seq <= SuiteMessages.COUNT; seq++) {
        assertThat(receiver)
            .receivesMessage(SuiteMessages.text(seq), SuiteMessages.properties(seq));
      }
    }
  }

  private static void send(MessageSender sender) {
    for (int seq = 1; seq <= SuiteMessages.COUNT; seq++) {
      sender.send(SuiteMessages.text(seq), SuiteMessages.properties(seq));
    }
  }

  static class Part1 extends HarnessSuite {}

  static class Part2 extends HarnessSuite {}

  static class Part3 extends HarnessSuite {}

  static class Part4 extends HarnessSuite {}
}
