package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static io.github.qpidharness.HarnessAssertions.assertThatQueue;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.ReceivedMessage;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;

@WithBroker
class DeadLetterTest {

  @Test
  void aMessageThatKeepsFailingEndsOnTheDeadLetterQueue(
      TestBroker broker,
      ConnectionFactory connectionFactory,
      @Queue(value = "payments", maximumDeliveryAttempts = 3, deadLetterQueue = "payments-dlq")
          MessageSender payments,
      @Queue("payments-dlq") MessageReceiver deadLetters) {
    payments.send("poison");

    try (JMSContext consumer = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
      JMSConsumer fromPayments = consumer.createConsumer(consumer.createQueue("payments"));
      for (int attempt = 1; attempt <= 3; attempt++) {
        // Fails with an AssertionError (not a null) if the message does not come back in time.
        ReceivedMessage delivery = ReceivedMessage.receiveFrom(fromPayments);
        assertThat(delivery.deliveryCount()).isEqualTo(attempt);
        consumer.rollback(); // the consumer fails to process it
      }
    }

    assertThat(deadLetters.receive()).hasText("poison");
    assertThatQueue(broker, "payments").eventuallyHasDepth(0).eventuallyHasConsumers(0);
  }
}
