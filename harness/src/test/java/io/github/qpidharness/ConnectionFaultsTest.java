package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.internal.VirtualHostBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TestBroker#dropConnections()} and failover clients. */
@ExpectedLog({
  "JmsConnection - Connection ID:\\S+ has failed due to: Connection closed by external action",
  "FailoverProvider - Failover: the provider reports failure: Connection closed by external action",
  "FailoverProvider - Failover: .*",
  "JmsConnection - Connection ID:\\S+ has failed due to: .*"
})
class ConnectionFaultsTest {
  private static final long BOUND_SECONDS =
      HarnessTimeouts.scaled(Duration.ofSeconds(30)).toSeconds();

  private EmbeddedBroker broker;

  @BeforeEach
  void startBroker() {
    broker = EmbeddedBroker.start();
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  @Test
  void dropConnectionsClosesTheHostsConnectionsAndLeavesOtherHostsWorking() throws Exception {
    try (TestBroker dropped = broker.createHost("dropped");
        TestBroker other = broker.createHost("other");
        Connection toDropped = dropped.connectionFactory().createConnection();
        Connection toOther = other.connectionFactory().createConnection()) {
      CompletableFuture<JMSException> droppedFailure = new CompletableFuture<>();
      CompletableFuture<JMSException> otherFailure = new CompletableFuture<>();
      toDropped.setExceptionListener(droppedFailure::complete);
      toOther.setExceptionListener(otherFailure::complete);
      toDropped.start();
      toOther.start();

      dropped.dropConnections();

      assertThat(droppedFailure.get(BOUND_SECONDS, TimeUnit.SECONDS))
          .hasMessageContaining("Connection closed by external action");
      other.declareQueue("orders");
      Session session = toOther.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue("orders"));
      producer.send(session.createTextMessage("still connected"));
      assertThat(other.queueReceiver("orders")).receivesInOrder("still connected");
      assertThat(otherFailure).isNotDone();
      assertThat(((VirtualHostBroker) other).host().getConnections()).isNotEmpty();
      assertThat(((VirtualHostBroker) dropped).host().getConnections()).isEmpty();
    }
  }

  @Test
  void fixturesFromBeforeADropFailSayingSoAndNewOnesWork() throws Exception {
    try (TestBroker host = broker.createHost("orders-host")) {
      MessageSender sender = host.queueSender("orders");
      MessageReceiver receiver = host.queueReceiver("orders");
      sender.send("before");
      assertThat(receiver).receivesInOrder("before");
      // Acknowledged before the drop: an unacknowledged "before" would rightly come back to the
      // next receiver (seen in a CI run).
      HarnessAssertions.assertThatQueue(host, "orders").eventuallyHasDepth(0);

      host.dropConnections();

      String reason =
          "the broker dropped every connection of host \"orders-host\" (dropConnections()) and"
              + " fixtures do not reconnect";
      assertThatThrownBy(() -> sender.send("after"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "The sender for queue \"orders\" cannot send: "
                  + reason
                  + ". Senders do not reconnect; create a new one with the host.");
      // "before" arrived already; a second message cannot come over the dropped connection.
      assertThatThrownBy(() -> receiver.receive(2, Duration.ofSeconds(BOUND_SECONDS)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(reason)
          .hasMessageContaining("Only 1 had arrived");
      host.queueSender("orders").send("after");
      assertThat(host.queueReceiver("orders")).receivesInOrder("after");
    }
  }

  @Test
  void aDropWithNoConnectionsOpenDoesNothing() {
    try (TestBroker host = broker.createHost("idle")) {
      host.dropConnections();
      host.queueSender("q").send("fine");
      assertThat(host.queueReceiver("q")).receivesInOrder("fine");
    }
  }

  @Test
  void dropConnectionsOnAClosedHostIsRefused() {
    TestBroker host = broker.createHost("gone");
    host.close();
    assertThatThrownBy(host::dropConnections)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Host \"gone\" is closed; create a new one with createHost(...).");
  }

  @Test
  void theFailoverUrlNamesTheHostOnTheNestedUrlAndHasFiniteReconnectSettings() {
    try (TestBroker host = broker.createHost("fo")) {
      String url = host.failoverUrl();
      assertThat(url)
          .startsWith("failover:(amqp://127.0.0.1:" + broker.amqpPort() + "?amqp.vhost=fo)?")
          .contains("failover.reconnectDelay=100", "failover.useReconnectBackOff=false")
          .contains(
              "failover.maxReconnectAttempts=" + attempts(),
              "failover.startupMaxReconnectAttempts=" + attempts())
          .contains(
              "jms.sendTimeout=" + HarnessTimeouts.clientTimeout().toMillis(),
              "jms.requestTimeout=" + HarnessTimeouts.clientTimeout().toMillis());
    }
  }

  @Test
  void aFailoverUrlStopsReachingAnIsolatedHostOnceItsHandOutEnds() {
    TestBroker host = broker.isolatedHost();
    String url = host.failoverUrl();
    host.close();

    String oneAttempt =
        url.replaceAll("startupMaxReconnectAttempts=\\d+", "startupMaxReconnectAttempts=1");
    assertThat(oneAttempt).isNotEqualTo(url);
    assertThatThrownBy(() -> new JmsConnectionFactory(oneAttempt).createConnection().start())
        .isInstanceOf(JMSException.class);
  }

  @Test
  void aFailoverConsumerGetsItsUnacknowledgedMessageAgainMarkedRedeliveredAfterADrop()
      throws Exception {
    try (TestBroker host = broker.createHost("redelivery");
        Connection connection = host.failoverConnectionFactory().createConnection()) {
      host.queueSender("work").send("job");
      connection.start();
      Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
      Message first = consumer.receive(HarnessTimeouts.clientTimeout().toMillis());
      assertThat(first).isNotNull();
      assertThat(first.getJMSRedelivered()).isFalse();

      host.dropConnections();

      Message again = consumer.receive(HarnessTimeouts.clientTimeout().toMillis());
      assertThat(again).as("the message again after the drop").isNotNull();
      assertThat(((TextMessage) again).getText()).isEqualTo("job");
      assertThat(again.getJMSRedelivered()).isTrue();
      again.acknowledge();
    }
  }

  @Test
  void aFailoverProducerKeepsSendingThroughADrop() throws Exception {
    try (TestBroker host = broker.createHost("through");
        Connection connection = host.failoverConnectionFactory().createConnection()) {
      MessageReceiver receiver = host.queueReceiver("events");
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue("events"));
      producer.send(session.createTextMessage("one"));
      assertThat(receiver).receivesInOrder("one");

      host.dropConnections();

      producer.send(session.createTextMessage("two"));
      assertThat(host.queueReceiver("events")).receivesInOrder("two");
    }
  }

  private static long attempts() {
    return HarnessTimeouts.clientTimeout().toMillis() / 100;
  }
}
