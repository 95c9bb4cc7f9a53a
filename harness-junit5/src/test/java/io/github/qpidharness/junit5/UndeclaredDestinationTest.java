package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.assertAllPassed;
import static io.github.qpidharness.junit5.EngineRuns.failures;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What plain JMS code gets for a name nobody declared: Broker-J refuses it (it creates nothing on
 * the fly), and the extension turns the refusal into a failure that says how to declare it.
 */
// The refusals of undeclared names are what these tests provoke; qpid-jms logs each one.
@ExpectedLog("AmqpResourceBuilder - Open of resource:.* \\[condition = amqp:not-found\\]")
class UndeclaredDestinationTest {

  @Test
  void aTopicSubscriberOnAnUndeclaredNameIsToldToDeclareATopic() {
    Throwable failure =
        failures(run(UndeclaredCase.class)).get("subscribesToTopic(ConnectionFactory)");

    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "Destination \"events\" does not exist on this test's broker host, and the harness"
                + " creates no destination on the fly (it could not tell a queue from a topic)."
                + " Declare it as a topic: @WithBroker(topics = \"events\"), a @Topic(\"events\")"
                + " parameter, or broker.declareTopic(\"events\"). The broker said: Could not find"
                + " destination for source")
        .hasCauseInstanceOf(InvalidDestinationException.class);
  }

  @Test
  void aQueueReceiverOnAnUndeclaredNameIsToldToDeclareAQueue() {
    Throwable failure = failures(run(UndeclaredCase.class)).get("consumesQueue(ConnectionFactory)");

    assertThat(failure)
        .hasMessageContaining(
            "Declare it as a queue: @WithBroker(queues = \"invoices\"), a @Queue(\"invoices\")"
                + " parameter, or broker.declareQueue(\"invoices\").");
  }

  @Test
  void aSendWhoseKindTheBrokerCannotSeeIsToldBothWays() {
    Throwable failure =
        failures(run(UndeclaredCase.class)).get("sendsWithJmsContext(ConnectionFactory)");

    assertThat(failure)
        .hasMessageContaining(
            "The broker's answer does not say whether the code wanted a queue or a topic (a"
                + " JMSContext producer sends through an anonymous link). If it sends with"
                + " createTopic(\"invoices\"), declare a topic: @WithBroker(topics = \"invoices\"),"
                + " a @Topic(\"invoices\") parameter, or broker.declareTopic(\"invoices\"). If it"
                + " sends with createQueue(\"invoices\"), declare a queue: @WithBroker(queues ="
                + " \"invoices\"), a @Queue(\"invoices\") parameter, or"
                + " broker.declareQueue(\"invoices\"). The wrong kind is not caught later: a queue"
                + " declared for a topic makes its subscribers compete for the messages instead of"
                + " each getting a copy.")
        .hasCauseInstanceOf(InvalidDestinationRuntimeException.class);
  }

  @Test
  void aJmsContextSendToAnUndeclaredTopicIsNotAdvisedToDeclareAQueueOnly() {
    Throwable failure =
        failures(run(UndeclaredCase.class)).get("publishesWithJmsContext(ConnectionFactory)");

    assertThat(failure)
        .hasMessageContaining(
            "If it sends with createTopic(\"prices\"), declare a topic: @WithBroker(topics ="
                + " \"prices\")")
        .hasMessageNotContaining("Declare it with @WithBroker(queues");
  }

  @Test
  void declaredNamesWorkWithPlainJms() {
    Map<String, Throwable> failures = failures(run(UndeclaredCase.class));

    assertThat(failures)
        .containsOnlyKeys(
            "subscribesToTopic(ConnectionFactory)",
            "consumesQueue(ConnectionFactory)",
            "sendsWithJmsContext(ConnectionFactory)",
            "publishesWithJmsContext(ConnectionFactory)");
  }

  @Test
  void brokerJIgnoresTheKindForDeclaredNamesSoATopicConsumerReadsADeclaredQueue() {
    // Pins a Broker-J limitation the harness cannot see: the link capability is not checked.
    assertAllPassed(run(WrongKindCase.class), 1);
  }

  @WithBroker(queues = "orders")
  static class WrongKindCase {
    @Test
    void topicConsumerOnAQueue(TestBroker broker) throws Exception {
      try (Connection connection = broker.connectionFactory().createConnection()) {
        connection.start();
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createTopic("orders"));
        session.createProducer(session.createQueue("orders")).send(session.createTextMessage("a"));

        assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("a");
      }
      assertThat(broker.queueStats("orders").totalDequeued()).isEqualTo(1);
    }
  }

  @WithBroker(queues = "orders")
  static class UndeclaredCase {
    @Test
    void subscribesToTopic(ConnectionFactory factory) throws Exception {
      try (Connection connection = factory.createConnection()) {
        Session session = connection.createSession();
        session.createConsumer(session.createTopic("events"));
      }
    }

    @Test
    void consumesQueue(ConnectionFactory factory) throws Exception {
      try (Connection connection = factory.createConnection()) {
        Session session = connection.createSession();
        session.createConsumer(session.createQueue("invoices"));
      }
    }

    @Test
    void sendsWithJmsContext(ConnectionFactory factory) {
      try (JMSContext context = factory.createContext()) {
        context.createProducer().send(context.createQueue("invoices"), "x");
      }
    }

    @Test
    void publishesWithJmsContext(ConnectionFactory factory) {
      try (JMSContext context = factory.createContext()) {
        context.createProducer().send(context.createTopic("prices"), "x");
      }
    }

    @Test
    void usesTheDeclaredQueue(TestBroker broker) throws Exception {
      try (JMSContext context = broker.connectionFactory().createContext()) {
        context.createProducer().send(context.createQueue("orders"), "x");
      }
      assertThat(broker.queueStats("orders").depth()).isEqualTo(1);
    }
  }
}
