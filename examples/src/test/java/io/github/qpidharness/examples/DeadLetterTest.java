package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.QueueOptions;
import io.github.qpidharness.ReceivedMessage;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;

@WithBroker
class DeadLetterTest {

  @Test
  void aMessageThatKeepsFailingEndsOnTheDeadLetterQueue(TestBroker broker) {
    broker.declareQueue(
        "payments",
        QueueOptions.standard().withMaximumDeliveryAttempts(3).withDeadLetterQueue("payments-dlq"));
    broker.queueSender("payments").send("poison");

    try (JMSContext consumer =
        broker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED)) {
      JMSConsumer payments = consumer.createConsumer(consumer.createQueue("payments"));
      for (int attempt = 1; attempt <= 3; attempt++) {
        ReceivedMessage delivery = ReceivedMessage.from(payments.receive(5_000));
        assertThat(delivery.deliveryCount()).isEqualTo(attempt);
        consumer.rollback(); // the consumer fails to process it
      }
    }

    assertThat(broker.queueReceiver("payments-dlq").receive()).hasText("poison");
    assertThat(broker.queueStats("payments").depth()).isZero();
  }
}
