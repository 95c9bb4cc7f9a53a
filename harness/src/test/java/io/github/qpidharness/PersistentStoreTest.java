package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a Derby broker keeps across {@link EmbeddedBroker#restart()} and what it does not. */
class PersistentStoreTest {

  @Test
  void persistentMessagesOnADeclaredQueueSurviveABrokerRestart() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.DERBY).start();
        TestBroker host = broker.createHost("orders-host")) {
      host.declareQueue("orders");
      send(host, "orders", DeliveryMode.PERSISTENT, "kept-1", "kept-2");
      send(host, "orders", DeliveryMode.NON_PERSISTENT, "lost");
      int port = broker.amqpPort();

      broker.restart();

      assertThat(broker.amqpPort()).isEqualTo(port);
      assertThat(host.queueNames()).contains("orders");
      assertThat(receiveAll(host, "orders")).containsExactly("kept-1", "kept-2");
    }
  }

  @Test
  void aMemoryBrokerComesBackWithItsHostsAndNothingOnThem() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestBroker host = broker.createHost("memory-host")) {
      host.declareQueue("orders");
      send(host, "orders", DeliveryMode.PERSISTENT, "gone");

      broker.restart();

      assertThat(host.queueNames()).doesNotContain("orders");
      host.declareQueue("orders");
      MessageReceiver receiver = host.queueReceiver("orders");
      host.queueSender("orders").send("after");
      assertThat(receiver.receive()).hasText("after");
    }
  }

  static void send(TestBroker host, String queue, int deliveryMode, String... texts)
      throws JMSException {
    try (Connection connection = host.connectionFactory().createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue(queue));
      producer.setDeliveryMode(deliveryMode);
      for (String text : texts) {
        producer.send(session.createTextMessage(text));
      }
    }
  }

  /** Every message on the queue now, in order, consumed. */
  static List<String> receiveAll(TestBroker host, String queue) throws JMSException {
    List<String> texts = new ArrayList<>();
    try (Connection connection = host.connectionFactory().createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
      long depth = host.queueStats(queue).depth();
      for (long i = 0; i < depth; i++) {
        TextMessage message = (TextMessage) consumer.receive(10_000);
        if (message == null) {
          break;
        }
        texts.add(message.getText());
      }
    }
    return texts;
  }
}
