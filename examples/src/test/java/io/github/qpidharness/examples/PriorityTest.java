package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.QueueOptions;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.WithBroker;
import org.junit.jupiter.api.Test;

@WithBroker
class PriorityTest {

  @Test
  void aPriorityQueueDeliversHigherPrioritiesFirst(TestBroker broker) {
    broker.declareQueue("jobs", QueueOptions.priority(10));
    MessageSender sender = broker.queueSender("jobs");
    sender.message("routine").priority(1).send();
    sender.message("urgent").priority(9).send();
    sender.message("normal").priority(4).send();

    // Subscribe after sending: a listening consumer would take each message as it comes.
    MessageReceiver receiver = broker.queueReceiver("jobs");

    assertThat(receiver).receivesInOrder("urgent", "normal", "routine");
  }
}
