package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a Derby broker keeps across {@link EmbeddedBroker#restart()} and what it does not. */
// A client still sending while its broker stops makes Broker-J warn about the frame it was
// handling.
@ExpectedLog({"FrameHandler - Unexpected exception handling frame"})
class PersistentStoreTest {
  private static final long RECEIVE_MILLIS =
      HarnessTimeouts.scaled(Duration.ofSeconds(10)).toMillis();

  @Test
  void persistentMessagesOnADeclaredQueueSurviveABrokerRestartAndNonPersistentOnesDoNot()
      throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.DERBY).start();
        TestBroker host = broker.createHost("orders-host")) {
      host.declareQueue("orders");
      send(host, "orders", DeliveryMode.PERSISTENT, "kept-1");
      send(host, "orders", DeliveryMode.NON_PERSISTENT, "lost");
      send(host, "orders", DeliveryMode.PERSISTENT, "kept-2");
      int port = broker.amqpPort();

      broker.restart();

      assertThat(broker.amqpPort()).isEqualTo(port);
      assertThat(host.queueNames()).contains("orders");
      assertThat(receiveAll(host, "orders")).containsExactly("kept-1", "kept-2");
    }
  }

  @Test
  void onlyCommittedTransactionsSurviveARestartEachMessageOnceAndInOrder() throws Exception {
    int transactions = 100;
    int perTransaction = 100;
    try (EmbeddedBroker broker =
            EmbeddedBroker.builder().store(Store.DERBY).hostPoolSize(0).start();
        TestBroker host = broker.createHost("ledger")) {
      host.declareQueue("entries");
      Connection connection = host.connectionFactory().createConnection();
      Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
      MessageProducer producer = session.createProducer(session.createQueue("entries"));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      for (int t = 0; t < transactions; t++) {
        for (int i = 0; i < perTransaction; i++) {
          producer.send(session.createTextMessage(Integer.toString(t * perTransaction + i)));
        }
        if (t < transactions - 1) {
          session.commit();
        }
      }

      broker.restart();
      closeQuietly(connection);

      int committed = (transactions - 1) * perTransaction;
      assertThat(host.queueStats("entries").depth()).isEqualTo(committed);
      List<String> received = receiveAll(host, "entries");
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < committed; i++) {
        expected.add(Integer.toString(i));
      }
      assertThat(received).isEqualTo(expected);
    }
  }

  @Test
  void anOfflineDurableSubscriptionGetsEverythingPublishedBeforeARestart() {
    try (EmbeddedBroker broker =
            EmbeddedBroker.builder().store(Store.DERBY).hostPoolSize(0).start();
        TestBroker host = broker.createHost("news-host")) {
      host.durableSubscriber("news", "reader").close();
      MessageSender publisher = host.topicSender("news");
      List<SentMessage> sent = List.of(publisher.send("first"), publisher.send("second"));

      broker.restart();

      MessageReceiver reader = host.durableSubscriber("news", "reader");
      assertThat(reader.receive(2, Duration.ofSeconds(10)))
          .extracting(ReceivedMessage::text)
          .containsExactly("first", "second");
      assertThat(sent).hasSize(2);
    }
  }

  @Test
  void aHostRestartKeepsPersistentMessagesAndTheSameHandleKeepsWorking() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.DERBY).start();
        TestBroker host = broker.createHost("restarting")) {
      MessageSender before = host.queueSender("jobs");
      before.send("persistent");
      before.message("transient").deliveryMode(DeliveryMode.NON_PERSISTENT).send();

      host.restart();

      assertThatThrownBy(() -> before.send("too late"))
          .hasMessageContaining("host \"restarting\" restarted");
      assertThat(host.queueStats("jobs").depth()).isEqualTo(1);
      MessageReceiver after = host.queueReceiver("jobs");
      assertThat(after.receive()).hasText("persistent");
      host.queueSender("jobs").send("new");
      assertThat(after.receive()).hasText("new");
      assertThat(receiveAll(host, "jobs")).isEmpty();
    }
  }

  @Test
  void aMemoryBrokerComesBackWithItsHostsAndNothingOnThem() {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestBroker host = broker.createHost("memory-host")) {
      // On a queue of its own: a receiver may have collected a message before the restart, and
      // hands that out; with nothing collected, its wait must end saying why.
      MessageReceiver before = host.queueReceiver("idle");
      host.queueSender("orders").send("gone");

      broker.restart();

      assertThat(host.queueNames()).doesNotContain("orders", "idle");
      assertThat(host.topicNames()).isEmpty();
      assertThatThrownBy(before::receive).hasMessageContaining("the broker restarted");
      MessageReceiver receiver = host.queueReceiver("orders");
      host.queueSender("orders").send("after");
      assertThat(receiver.receive()).hasText("after");
    }
  }

  @Test
  void aMemoryHostRestartReturnsOnceTheHostIsUsableAndEmpty() {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(0).start();
        TestBroker host = broker.createHost("memory-restart")) {
      host.queueSender("orders").send("gone");

      host.restart();

      assertThat(host.queueNames()).doesNotContain("orders");
      MessageReceiver receiver = host.queueReceiver("orders");
      host.queueSender("orders").send("after");
      assertThat(receiver.receive()).hasText("after");
    }
  }

  @Test
  void aPooledHostInUseSurvivesABrokerRestartAndThePoolKeepsHandingOutHosts() {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.DERBY).start()) {
      TestBroker host = broker.isolatedHost();
      host.queueSender("work").send("before");

      broker.restart();

      MessageReceiver receiver = host.queueReceiver("work");
      assertThat(receiver.receive()).hasText("before");
      host.close();
      try (TestBroker next = broker.isolatedHost()) {
        assertThat(next.queueNames()).isEmpty();
        MessageReceiver nextReceiver = next.queueReceiver("work");
        next.queueSender("work").send("next");
        assertThat(nextReceiver.receive()).hasText("next");
      }
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

  /**
   * Every message on the queue now, in order, consumed (in transactions of 100: on a Derby store
   * each acknowledgement is a database transaction); then checks nothing more arrives.
   */
  static List<String> receiveAll(TestBroker host, String queue) throws JMSException {
    List<String> texts = new ArrayList<>();
    try (Connection connection = host.connectionFactory().createConnection()) {
      connection.start();
      Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
      MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
      long depth = host.queueStats(queue).depth();
      for (long i = 0; i < depth; i++) {
        Message message = consumer.receive(RECEIVE_MILLIS);
        assertThat(message)
            .as(
                "message %d of the %d on queue %s within %d ms",
                i + 1, depth, queue, RECEIVE_MILLIS)
            .isNotNull();
        texts.add(((TextMessage) message).getText());
        if (texts.size() % 100 == 0) {
          session.commit();
        }
      }
      assertThat(consumer.receiveNoWait()).as("a message beyond the queue's depth").isNull();
      session.commit();
    }
    return texts;
  }

  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (JMSException | RuntimeException e) {
      // Cut by the restart.
    }
  }
}
