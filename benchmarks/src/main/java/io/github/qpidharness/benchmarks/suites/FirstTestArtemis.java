package io.github.qpidharness.benchmarks.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Figure 1, Artemis side: Artemis embedded in {@code @BeforeAll}, then one message in plain JMS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstTestArtemis {
  private ArtemisBroker broker;

  @BeforeAll
  void startBroker() throws Exception {
    broker = ArtemisBroker.start();
  }

  @AfterAll
  void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void firstMessage() throws JMSException {
    try (Connection connection = broker.connectionFactory().createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      jakarta.jms.Queue queue = session.createQueue("first");
      MessageConsumer consumer = session.createConsumer(queue);
      session.createProducer(queue).send(session.createTextMessage("hello"));
      Message received = consumer.receive(5_000);
      assertNotNull(received, "no message on queue first within 5 s");
      assertEquals("hello", received.getBody(String.class));
      Marks.mark("assert");
    }
  }
}
