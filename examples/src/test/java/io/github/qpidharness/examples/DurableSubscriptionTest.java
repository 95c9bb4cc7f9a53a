package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.junit5.WithBroker;
import org.junit.jupiter.api.Test;

@WithBroker(topics = "events")
class DurableSubscriptionTest {

  @Test
  void aDurableSubscriberGetsWhatWasPublishedWhileItWasOffline(
      TestBroker broker, @Topic("events") MessageSender sender) {
    broker.durableSubscriber("events", "audit").close(); // subscribe once, then go offline
    MessageReceiver plainSubscriber = broker.topicSubscriber("events");
    plainSubscriber.close(); // a non-durable subscription ends when it closes

    sender.send("published while offline");

    try (MessageReceiver audit = broker.durableSubscriber("events", "audit")) {
      assertThat(audit.receive()).hasText("published while offline");
    }
    assertThat(plainSubscriber).receivesNothing();
  }
}
