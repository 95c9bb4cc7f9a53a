package io.github.qpidharness.junit5.cases.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Ten tests that all use queue "orders" and topic "events"; each sends a unique message and must
 * get exactly that one back. Run concurrently, any cross-talk between hosts shows up as a foreign
 * or extra message. Subclasses ParallelCase01..10 form the parallel suite.
 */
@WithBroker(queues = "orders", topics = "events")
public abstract class ParallelCaseBase {

  @Test
  void roundTrip01(TestBroker broker, ConnectionFactory factory) throws Exception {
    roundTrip(broker, factory);
  }

  @Test
  void roundTrip02(TestBroker broker, ConnectionFactory factory) throws Exception {
    roundTrip(broker, factory);
  }

  @Test
  void roundTrip03(TestBroker broker, ConnectionFactory factory) throws Exception {
    roundTrip(broker, factory);
  }

  @Test
  void roundTrip04(TestBroker broker, ConnectionFactory factory) throws Exception {
    roundTrip(broker, factory);
  }

  @Test
  void roundTrip05(TestBroker broker, ConnectionFactory factory) throws Exception {
    roundTrip(broker, factory);
  }

  @Test
  void roundTrip06(TestBroker broker, ConnectionFactory factory) throws Exception {
    roundTrip(broker, factory);
  }

  @Test
  void queueFixtures(
      TestBroker broker,
      @Queue("orders") MessageSender sender,
      @Queue("orders") MessageReceiver receiver) {
    String id = UUID.randomUUID().toString();
    sender.send(id);

    assertThat(receiver.receive().text()).isEqualTo(id);
    assertThat(broker.queueStats("orders").totalEnqueued()).isEqualTo(1);
  }

  @Test
  void topicFixtures(
      @Topic("events") MessageSender sender, @Topic("events") MessageReceiver receiver) {
    String id = UUID.randomUUID().toString();
    sender.send(id);

    assertThat(receiver.receive().text()).isEqualTo(id);
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void leavesMessagesBehind(TestBroker broker, ConnectionFactory factory) throws Exception {
    // Nothing consumes these: a later test on the same names must still see empty destinations.
    try (Connection connection = factory.createConnection()) {
      Session session = connection.createSession();
      session.createProducer(session.createQueue("orders")).send(session.createTextMessage("x"));
    }
    assertThat(broker.queueStats("orders").depth()).isEqualTo(1);
  }

  @Test
  void startsEmpty(TestBroker broker) {
    assertThat(broker.queueStats("orders").totalEnqueued()).isZero();
  }

  private static void roundTrip(TestBroker broker, ConnectionFactory factory) throws Exception {
    assertThat(broker.queueStats("orders").totalEnqueued()).isZero();
    String id = UUID.randomUUID().toString();
    try (Connection connection = factory.createConnection()) {
      connection.start();
      Session session = connection.createSession();
      MessageConsumer queue = session.createConsumer(session.createQueue("orders"));
      MessageConsumer topic = session.createConsumer(session.createTopic("events"));
      MessageProducer producer = session.createProducer(null);
      producer.send(session.createQueue("orders"), session.createTextMessage(id));
      producer.send(session.createTopic("events"), session.createTextMessage(id));

      assertThat(((TextMessage) queue.receive(10_000)).getText()).isEqualTo(id);
      assertThat(((TextMessage) topic.receive(10_000)).getText()).isEqualTo(id);
      assertThat(queue.receiveNoWait()).isNull();
      assertThat(topic.receiveNoWait()).isNull();
    }
    assertThat(broker.queueStats("orders").totalEnqueued()).isEqualTo(1);
  }
}
