package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.ReceivedMessage;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;

@WithBroker(queues = "orders")
class TransactionsTest {

  @Test
  void onlyACommittedSendIsDelivered(
      ConnectionFactory connectionFactory, @Queue("orders") MessageReceiver receiver) {
    try (JMSContext transacted = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
      transacted.createProducer().send(transacted.createQueue("orders"), "committed");
      transacted.commit();
      transacted.createProducer().send(transacted.createQueue("orders"), "rolled back");
      transacted.rollback();
    }

    assertThat(receiver).receivesExactly(1);
    assertThat(receiver.receive()).hasText("committed");
  }

  @Test
  void aConsumerRollbackRedeliversTheMessageMarkedRedelivered(
      ConnectionFactory connectionFactory, @Queue("orders") MessageSender sender) {
    sender.send("work");
    try (JMSContext transacted = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
      JMSConsumer consumer = transacted.createConsumer(transacted.createQueue("orders"));
      assertThat(ReceivedMessage.receiveFrom(consumer)).isNotRedelivered();
      transacted.rollback();

      ReceivedMessage again = ReceivedMessage.receiveFrom(consumer);
      transacted.commit();
      assertThat(again).hasText("work").isRedelivered();
    }
  }
}
