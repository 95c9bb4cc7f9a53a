package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a {@link Store#DERBY} broker the default host (the one {@link
 * EmbeddedBroker#connectionFactory()} reaches) stays in memory, while created hosts are Derby
 * hosts.
 */
class DefaultHostStoreTest {
  private static final long RECEIVE_MILLIS =
      HarnessTimeouts.scaled(Duration.ofSeconds(10)).toMillis();
  private static final String TOPIC = "amq.topic/prices";

  @Test
  void aDerbyBrokersDefaultHostKeepsNothingAcrossARestartWhileACreatedHostKeepsItsSubscription()
      throws JMSException {
    try (EmbeddedBroker broker =
            EmbeddedBroker.builder().store(Store.DERBY).hostPoolSize(0).start();
        TestBroker host = broker.createHost("kept")) {
      subscribeAndPublishOffline(broker.connectionFactory(), "before");
      subscribeAndPublishOffline(host.connectionFactory(), "before");

      broker.restart();

      assertThat(firstMessageAfterPublishing(broker.connectionFactory(), "after"))
          .as("first message of the default host's durable subscription after the restart")
          .isEqualTo("after");
      assertThat(firstMessageAfterPublishing(host.connectionFactory(), "after"))
          .as("first message of the created host's durable subscription after the restart")
          .isEqualTo("before");
    }
  }

  @Test
  void aDerbyBrokerCreatesNoDatabaseForItsDefaultHostOnlyForCreatedHosts(@TempDir Path directory) {
    try (EmbeddedBroker broker =
            EmbeddedBroker.builder()
                .store(Store.DERBY)
                .hostPoolSize(0)
                .workDirectory(directory)
                .start();
        TestBroker host = broker.createHost("orders-host")) {
      host.declareQueue("orders");

      assertThat(directory.resolve("hosts").resolve("orders-host")).isDirectory();
      assertThat(directory.resolve("hosts").resolve("default")).doesNotExist();
    }
  }

  @Test
  void aDerbyBrokersDefaultHostTakesPersistentMessagesLikeAMemoryHost() throws JMSException {
    try (EmbeddedBroker broker =
        EmbeddedBroker.builder().store(Store.DERBY).hostPoolSize(0).start()) {
      subscribeAndPublishOffline(broker.connectionFactory(), "persistent");

      assertThat(firstMessageAfterPublishing(broker.connectionFactory(), "later"))
          .isEqualTo("persistent");
    }
  }

  /** Makes a durable subscription, closes it, then publishes {@code text} (persistent) to it. */
  private static void subscribeAndPublishOffline(ConnectionFactory factory, String text)
      throws JMSException {
    try (Connection connection = factory.createConnection()) {
      connection.setClientID("reader");
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Topic topic = session.createTopic(TOPIC);
      session.createDurableSubscriber(topic, "dashboard").close();
      session.createProducer(topic).send(session.createTextMessage(text));
    }
  }

  /**
   * Opens the durable subscription (making it anew if the host lost it), publishes {@code text} and
   * returns the first message the subscription delivers: {@code text} itself only if nothing
   * published earlier is still on it.
   */
  private static String firstMessageAfterPublishing(ConnectionFactory factory, String text)
      throws JMSException {
    try (Connection connection = factory.createConnection()) {
      connection.setClientID("reader");
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Topic topic = session.createTopic(TOPIC);
      MessageConsumer subscriber = session.createDurableSubscriber(topic, "dashboard");
      session.createProducer(topic).send(session.createTextMessage(text));
      Message first = subscriber.receive(RECEIVE_MILLIS);
      assertThat(first)
          .as(
              "a message on durable subscription dashboard of %s within %d ms",
              TOPIC, RECEIVE_MILLIS)
          .isNotNull();
      return ((TextMessage) first).getText();
    }
  }
}
