package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThatReceivers;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.SentMessage;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.junit5.WithBroker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithBroker(topics = "events")
class SharedSubscriptionTest {

  @Test
  void consumersOfOneSharedSubscriptionSplitTheTopicsMessages(
      TestBroker broker, @Topic("events") MessageSender sender) {
    MessageReceiver workerA = broker.sharedSubscriber("events", "workers");
    MessageReceiver workerB = broker.sharedSubscriber("events", "workers");
    MessageReceiver auditor = broker.topicSubscriber("events");

    List<SentMessage> sent = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      sent.add(sender.send("event " + i));
    }

    assertThatReceivers(workerA, workerB).competeFor(sent); // one copy shared by the workers
    assertThatReceivers(auditor).fanOut(sent); // the auditor's own subscription gets all
  }
}
