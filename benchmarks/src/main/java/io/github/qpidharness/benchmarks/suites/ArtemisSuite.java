package io.github.qpidharness.benchmarks.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;

/**
 * Figure 5, Artemis side: the same 200 tests in plain JUnit 5 and JMS, one Artemis embedded per
 * class, a connection per test and unique queue and topic names per test for isolation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ArtemisSuite {
  private static final long RECEIVE_TIMEOUT_MS = 5_000;

  private ArtemisBroker broker;
  private Connection connection;
  private Session session;
  private int test;

  @BeforeAll
  void startBroker() throws Exception {
    broker = ArtemisBroker.start();
  }

  @AfterAll
  void stopBroker() throws Exception {
    broker.close();
  }

  @BeforeEach
  void connect() throws JMSException {
    test++;
    connection = broker.connectionFactory().createConnection();
    connection.start();
    session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
  }

  @AfterEach
  void disconnect() throws JMSException {
    connection.close();
  }

  @RepeatedTest(SuiteMessages.REPETITIONS)
  void queue() throws JMSException {
    jakarta.jms.Queue queue = session.createQueue("orders-" + test);
    MessageConsumer kindA = session.createConsumer(queue, "kind = 'a'");
    MessageConsumer kindB = session.createConsumer(queue, "kind = 'b'");
    send(queue);
    assertReceives(kindA, 1);
    assertReceives(kindA, 3);
    assertReceives(kindB, 2);
  }

  @RepeatedTest(SuiteMessages.REPETITIONS)
  void topic() throws JMSException {
    jakarta.jms.Topic topic = session.createTopic("events-" + test);
    MessageConsumer first = session.createConsumer(topic);
    MessageConsumer second = session.createConsumer(topic);
    send(topic);
    for (MessageConsumer consumer : new MessageConsumer[] {first, second}) {
      for (int seq = 1; seq <= SuiteMessages.COUNT; seq++) {
        assertReceives(consumer, seq);
      }
    }
  }

  private void send(Destination destination) throws JMSException {
    MessageProducer producer = session.createProducer(destination);
    for (int seq = 1; seq <= SuiteMessages.COUNT; seq++) {
      Message message = session.createTextMessage(SuiteMessages.text(seq));
      message.setStringProperty("kind", SuiteMessages.kind(seq));
      message.setIntProperty("seq", seq);
      producer.send(message);
    }
  }

  private static void assertReceives(MessageConsumer consumer, int seq) throws JMSException {
    Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
    assertNotNull(message, "message " + seq + " did not arrive within " + RECEIVE_TIMEOUT_MS);
    assertEquals(SuiteMessages.text(seq), message.getBody(String.class));
    assertEquals(SuiteMessages.kind(seq), message.getStringProperty("kind"));
    assertEquals(seq, message.getIntProperty("seq"));
  }

  static class Part1 extends ArtemisSuite {}

  static class Part2 extends ArtemisSuite {}

  static class Part3 extends ArtemisSuite {}

  static class Part4 extends ArtemisSuite {}
}
