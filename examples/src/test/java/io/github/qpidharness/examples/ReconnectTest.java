package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.Endpoint;
import io.github.qpidharness.HarnessTimeouts;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.NetworkProxy;
import io.github.qpidharness.OutgoingMessage;
import io.github.qpidharness.ReceivedMessage;
import io.github.qpidharness.SentMessage;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Testing reconnect logic: connections the broker drops, and a network that freezes. These faults
 * touch one host, so they work on the shared broker.
 */
@WithBroker
class ReconnectTest {
  private static final Duration BOUND = HarnessTimeouts.scaled(Duration.ofSeconds(30));

  @Test
  void aServiceOnAFailoverConnectionFactoryKeepsPublishingWhenTheBrokerDropsItsConnection(
      TestBroker broker) throws Exception {
    broker.declareQueue(ReadingPublisher.READINGS_QUEUE);
    List<SentMessage> sent = new ArrayList<>();
    try (ReadingPublisher publisher = new ReadingPublisher(broker.failoverConnectionFactory())) {
      for (int i = 0; i < 20; i++) {
        sent.add(published(publisher, "reading " + i));
      }

      broker.dropConnections();

      for (int i = 20; i < 40; i++) {
        sent.add(published(publisher, "reading " + i));
      }
    }

    // The harness's own receivers do not reconnect: this one starts after the drop, and finds every
    // reading on the queue. At least once: a send the drop interrupted may be resent, arriving
    // twice.
    MessageReceiver readings = broker.queueReceiver(ReadingPublisher.READINGS_QUEUE);
    assertThat(readings).receivesAllOf(sent);
  }

  @Test
  void aConsumerWhoseConnectionIsDroppedGetsItsUnacknowledgedMessagesAgainMarkedRedelivered(
      TestBroker broker) throws Exception {
    broker.queueSender("jobs").send("job 1");
    broker.queueSender("jobs").send("job 2");
    try (Connection connection = broker.failoverConnectionFactory().createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue("jobs"));
      assertThat(ReceivedMessage.receiveFrom(consumer)).hasText("job 1").isNotRedelivered();
      assertThat(ReceivedMessage.receiveFrom(consumer)).hasText("job 2").isNotRedelivered();

      broker.dropConnections(); // before the consumer acknowledged either

      assertThat(ReceivedMessage.receiveFrom(consumer)).hasText("job 1").isRedelivered();
      Message second = consumer.receive(BOUND.toMillis());
      assertThat(ReceivedMessage.from(second)).hasText("job 2").isRedelivered();
      second.acknowledge(); // acknowledges both, as CLIENT_ACKNOWLEDGE does
    }
    assertThat(broker.queueReceiver("jobs")).receivesNothing();
  }

  @Test
  void aFrozenNetworkIsNoticedThroughTheClientsIdleTimeout(TestBroker broker) throws Exception {
    // 2 s is the lowest idle timeout Broker-J accepts from qpid-jms.
    Duration idleTimeout = Duration.ofSeconds(2);
    try (NetworkProxy network = broker.proxy();
        Connection connection = network.connectionFactory(idleTimeout).createConnection()) {
      CompletableFuture<JMSException> lost = new CompletableFuture<>();
      connection.setExceptionListener(lost::complete);
      connection.start();

      network.freeze();

      // qpid-jms checks for silence once per idle timeout: it notices within two of them.
      JMSException noticed = lost.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(noticed).hasMessageContaining("idle-timeout");
    }
  }

  private static SentMessage published(ReadingPublisher publisher, String reading)
      throws JMSException {
    String id = publisher.publish(reading);
    return new SentMessage(
        id, Endpoint.queue(ReadingPublisher.READINGS_QUEUE), OutgoingMessage.text(reading));
  }
}
