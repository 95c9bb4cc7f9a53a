package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.ReceivedMessage;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.TemporaryQueue;
import org.junit.jupiter.api.Test;

@WithBroker(queues = PriceResponder.REQUESTS)
class RequestReplyTest {

  @Test
  void theReplyComesBackOnTheTemporaryQueueWithTheRequestsCorrelationId(
      ConnectionFactory connectionFactory) throws Exception {
    try (PriceResponder responder = new PriceResponder(connectionFactory);
        JMSContext client = connectionFactory.createContext()) {
      TemporaryQueue replies = client.createTemporaryQueue();
      client
          .createProducer()
          .setJMSReplyTo(replies)
          .setJMSCorrelationID("request-1")
          .send(client.createQueue(PriceResponder.REQUESTS), "apple");

      ReceivedMessage reply = ReceivedMessage.receiveFrom(client.createConsumer(replies));

      assertThat(reply).hasCorrelationId("request-1").hasText("apple=500");
    }
  }
}
