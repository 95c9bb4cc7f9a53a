package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What became of a queued message, as the broker tells it through the journal. */
class MessageFateTest extends OnIsolatedHost {
  private static final Duration SHORT = Duration.ofMillis(200);

  private JournalEntry onlyEntry() {
    return host.journal().entries().get(0);
  }

  @Test
  void aMessageNobodyConsumedIsQueued() {
    host.queueSender("orders").send("o1");

    assertThat(host.journal().fates(onlyEntry()))
        .containsExactly(Map.entry("orders", MessageFate.QUEUED));
    assertThat(
            catchThrowable(
                () ->
                    HarnessAssertions.assertThat(host.journal())
                        .within(SHORT)
                        .hasConsumed("orders", "o1")))
        .hasMessage(
            "Expecting the message journal of this host\n"
                + "to have a message with text \"o1\" published to \"orders\" consumed on every"
                + " queue it was routed to within 200 ms\n"
                + "but it is queued on queue \"orders\", which nothing consumes");
  }

  @Test
  void aMessageTheServicesOwnListenerAcknowledgedIsConsumed() throws Exception {
    host.declareQueue("orders");
    CountDownLatch consumed = new CountDownLatch(1);
    try (JMSContext service = host.connectionFactory().createContext()) {
      service
          .createConsumer(service.createQueue("orders"))
          .setMessageListener(m -> consumed.countDown());
      host.queueSender("orders").send("o1");

      HarnessAssertions.assertThat(host.journal()).hasConsumed("orders", "o1");
      assertThat(consumed.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(host.journal().fates(onlyEntry()))
        .containsExactly(Map.entry("orders", MessageFate.CONSUMED));
  }

  @Test
  void aMessageHandedOutButNotAcknowledgedIsDelivering() throws Exception {
    host.declareQueue("orders");
    try (JMSContext service =
        host.connectionFactory().createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
      JMSConsumer consumer = service.createConsumer(service.createQueue("orders"));
      host.queueSender("orders").send("o1");
      Message message = consumer.receive(10_000);
      assertThat(message).isNotNull();

      HarnessAssertions.assertThat(host.journal())
          .eventuallyHas(MessageFate.DELIVERING, "orders", "o1");
      message.acknowledge();
      HarnessAssertions.assertThat(host.journal()).hasConsumed("orders", "o1");
    }
  }

  @Test
  void aMessageRejectedUpToTheLimitIsDeadLetteredAndNotRecordedAsAPublishToTheDlq()
      throws Exception {
    host.declareQueue(
        "orders",
        QueueOptions.standard().withMaximumDeliveryAttempts(1).withDeadLetterQueue("dlq"));
    try (JMSContext service =
        host.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED)) {
      JMSConsumer consumer = service.createConsumer(service.createQueue("orders"));
      host.queueSender("orders").send("o1");
      assertThat(consumer.receive(10_000)).isNotNull();
      service.rollback();

      HarnessAssertions.assertThat(host.journal())
          .eventuallyHas(MessageFate.DEAD_LETTERED, "orders", "o1");
    }
    HarnessAssertions.assertThat(host.journal())
        .withQuietPeriod(SHORT)
        .hasPublishedNothingTo("dlq");
    HarnessAssertions.assertThat(host.queueReceiver("dlq")).receivesMessageWithText("o1");
  }

  @Test
  void aMessageWhoseTimeToLiveRanOutIsExpired() {
    host.queueSender("orders").message("o1").timeToLive(Duration.ofMillis(1)).send();

    HarnessAssertions.assertThat(host.journal()).eventuallyHas(MessageFate.EXPIRED, "orders", "o1");
  }

  @Test
  void aTopicMessageHasAFateOnEachSubscriptionQueue() {
    MessageReceiver first = host.topicSubscriber("events");
    MessageReceiver second = host.topicSubscriber("events");
    host.topicSender("events").send("e1");
    first.receive();

    HarnessAssertions.assertThat(second).receivesExactly(1);
    HarnessAssertions.assertThat(host.journal()).hasConsumed("events", "e1");
    assertThat(host.journal().fates(onlyEntry()).values())
        .containsOnly(MessageFate.CONSUMED)
        .hasSize(2);
  }
}
