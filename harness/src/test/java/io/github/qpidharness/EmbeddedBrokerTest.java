package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.internal.VirtualHostBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.server.virtualhost.QueueManagingVirtualHost;
import org.junit.jupiter.api.Test;

public class EmbeddedBrokerTest {

  @Test
  void persistentTextMessageWithStringPropertyRoundTrips() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestBroker host = broker.createHost("round-trip")) {
      host.declareQueue("orders");

      TextMessage received = sendAndReceive(host.connectionFactory(), "orders", "Testing", "test");

      assertThat(received.getText()).isEqualTo("Testing");
      assertThat(received.getStringProperty("type")).isEqualTo("test");
      assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
    }
  }

  @Test
  void defaultHostIsReachableThroughTheBrokersConnectionFactory() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(0).start()) {
      // The default host auto-creates nothing, so use a temporary queue to prove the round trip.
      try (Connection connection = broker.connectionFactory().createConnection()) {
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        var queue = session.createTemporaryQueue();
        session.createProducer(queue).send(session.createTextMessage("hello"));
        Message message = session.createConsumer(queue).receive(5_000);
        assertThat(((TextMessage) message).getText()).isEqualTo("hello");
      }
      assertThat(broker.amqpUrl()).isEqualTo("amqp://127.0.0.1:" + broker.amqpPort());
    }
  }

  @Test
  void twoBrokersRunSideBySideOnDifferentPorts() throws Exception {
    try (EmbeddedBroker first = EmbeddedBroker.start();
        EmbeddedBroker second = EmbeddedBroker.start();
        TestBroker a = first.createHost("same-name");
        TestBroker b = second.createHost("same-name")) {
      assertThat(first.amqpPort()).isNotEqualTo(second.amqpPort());
      a.declareQueue("q");
      b.declareQueue("q");

      assertThat(sendAndReceive(a.connectionFactory(), "q", "to first", "a").getText())
          .isEqualTo("to first");
      assertThat(sendAndReceive(b.connectionFactory(), "q", "to second", "b").getText())
          .isEqualTo("to second");
      assertThat(a.queueStats("q").totalEnqueued()).isEqualTo(1);
      assertThat(b.queueStats("q").totalEnqueued()).isEqualTo(1);
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsFailClearly() {
    EmbeddedBroker broker = EmbeddedBroker.start();
    Path workDirectory = broker.workDirectory();
    assertThat(workDirectory).isDirectory();

    broker.close();
    broker.close();

    assertThat(Files.exists(workDirectory)).isFalse();
    assertThat(broker.isClosed()).isTrue();
    assertThatThrownBy(broker::amqpPort)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("This EmbeddedBroker is closed; start a new one with EmbeddedBroker.start().");
    assertThatThrownBy(() -> broker.createHost("late")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @ExpectedLog("HousekeepingExecutor - Housekeeping task threw an exception")
  void failingBrokerHousekeepingTaskDoesNotHaltTheJvm() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(0).start();
        TestBroker host = broker.createHost("housekeeping")) {
      var virtualHost = (QueueManagingVirtualHost<?>) ((VirtualHostBroker) host).host();
      CountDownLatch failed = new CountDownLatch(1);
      CountDownLatch survived = new CountDownLatch(1);
      virtualHost.scheduleTask(
          0,
          () -> {
            failed.countDown();
            throw new IllegalStateException("housekeeping failure injected by the test");
          });
      // One housekeeping thread: this task runs only after the failure was handled.
      virtualHost.scheduleTask(0, survived::countDown);

      assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(survived.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNotNull();
    }
  }

  public static TextMessage sendAndReceive(
      ConnectionFactory factory, String queueName, String text, String type) throws JMSException {
    try (Connection connection = factory.createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      var queue = session.createQueue(queueName);
      MessageProducer producer = session.createProducer(queue);
      TextMessage message = session.createTextMessage(text);
      message.setStringProperty("type", type);
      producer.send(message);
      Message received = session.createConsumer(queue).receive(5_000);
      assertThat(received).as("message on %s", queueName).isInstanceOf(TextMessage.class);
      return (TextMessage) received;
    }
  }
}
