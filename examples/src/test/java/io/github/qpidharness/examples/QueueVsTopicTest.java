package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThatReceivers;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.SentMessage;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.junit5.WithBroker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

// snippet:start queue-vs-topic
@WithBroker
class QueueVsTopicTest {

  @Test
  void aQueueGivesEachMessageToOneReceiver(
      @Queue("orders") MessageSender sender,
      @Queue("orders") MessageReceiver first,
      @Queue("orders") MessageReceiver second) {
    List<SentMessage> sent =
        List.of(sender.send("Testing at noon", Map.of("type", "test")), sender.send("again"));

    assertThatReceivers(first, second).competeFor(sent);
  }

  @Test
  void aTopicGivesEverySubscriberEveryMessage(
      @Topic("events") MessageSender sender,
      @Topic("events") MessageReceiver first,
      @Topic("events") MessageReceiver second) {
    List<SentMessage> sent =
        List.of(sender.send("Testing at noon", Map.of("type", "test")), sender.send("again"));

    assertThatReceivers(first, second).fanOut(sent);
  }
}
// snippet:end queue-vs-topic
