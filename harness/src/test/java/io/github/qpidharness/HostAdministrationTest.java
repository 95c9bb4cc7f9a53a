package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HostAdministrationTest {
  private static EmbeddedBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void messageLeftOnOneHostIsInvisibleOnAnother() throws JMSException {
    try (TestBroker a = broker.isolatedHost();
        TestBroker b = broker.isolatedHost()) {
      a.declareQueue("q");
      b.declareQueue("q");
      send(a, "q", "left on A");

      assertThat(a.queueStats("q").depth()).isEqualTo(1);
      assertThat(b.queueStats("q").depth()).isZero();
      assertThat(receive(b, "q", 200)).isNull();
      assertThat(((TextMessage) receive(a, "q", 5_000)).getText()).isEqualTo("left on A");
    }
  }

  @Test
  void closingAHostRemovesItsQueuesAndMessages() throws JMSException {
    TestBroker first = broker.createHost("reused-name");
    first.declareQueue("q");
    send(first, "q", "gone with the host");
    first.close();
    first.close(); // idempotent

    try (TestBroker second = broker.createHost("reused-name")) {
      assertThat(second.queueNames()).doesNotContain("q");
      second.declareQueue("q");
      assertThat(second.queueStats("q").depth()).isZero();
    }
    assertThatThrownBy(first::queueNames)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Host \"reused-name\" is closed; create a new one with createHost(...).");
  }

  @Test
  void duplicateAndInvalidHostNamesAreRejected() {
    try (TestBroker host = broker.createHost("taken")) {
      assertThatThrownBy(() -> broker.createHost("taken"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "A host named \"taken\" already exists on this broker. Close it first or choose"
                  + " another name.");
      assertThat(host.name()).isEqualTo("taken");
    }
    assertThatThrownBy(() -> broker.createHost(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Host name must not be blank but was \" \"; use e.g. \"orders-test\".");
    assertThatThrownBy(() -> broker.createHost("a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Host name \"a/b\" is invalid: use 1 to 255 letters, digits, '.', '_' or '-', starting"
                + " with a letter or digit.");
  }

  @Test
  void queueStatisticsFollowTheMessages() throws JMSException {
    try (TestBroker host = broker.isolatedHost()) {
      host.declareQueue("stats");
      send(host, "stats", "one");
      send(host, "stats", "two");
      QueueStats afterSend = host.queueStats("stats");
      assertThat(afterSend.depth()).isEqualTo(2);
      assertThat(afterSend.depthBytes()).isPositive();
      assertThat(afterSend.totalEnqueued()).isEqualTo(2);
      assertThat(afterSend.totalDequeued()).isZero();

      try (Connection connection = host.connectionFactory().createConnection()) {
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("stats"));
        assertThat(consumer.receive(5_000)).isNotNull();
        assertThat(host.queueStats("stats").consumers()).isEqualTo(1);
      }
      QueueStats afterReceive = host.queueStats("stats");
      assertThat(afterReceive.depth()).isEqualTo(1);
      assertThat(afterReceive.totalDequeued()).isEqualTo(1);
      assertThat(afterReceive.consumers()).isZero();
    }
  }

  @Test
  void purgeEmptiesAQueueAndSaysHowManyWentAway() throws JMSException {
    try (TestBroker host = broker.isolatedHost()) {
      host.declareQueue("purged");
      for (int i = 0; i < 3; i++) {
        send(host, "purged", "m" + i);
      }
      assertThat(host.purgeQueue("purged")).isEqualTo(3);
      assertThat(host.queueStats("purged").depth()).isZero();
    }
  }

  @Test
  void queuesAreListedAndDeleted() {
    try (TestBroker host = broker.isolatedHost()) {
      host.declareQueue("b");
      host.declareQueue("a");
      host.declareQueue("a"); // declaring twice with the same options does nothing
      assertThat(host.queueNames()).containsExactly("a", "b");
      host.deleteQueue("a");
      assertThat(host.queueNames()).containsExactly("b");
    }
  }

  @Test
  void unknownQueueErrorListsTheQueuesThatExist() {
    try (TestBroker host = broker.isolatedHost()) {
      host.declareQueue("orders");
      host.declareQueue("payments");
      assertThatThrownBy(() -> host.queueStats("order"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "No queue \"order\" on host \""
                  + host.name()
                  + "\". Queues that exist: [orders, payments]. Declare it with"
                  + " declareQueue(\"order\") or fix the name.");
      assertThatThrownBy(() -> host.purgeQueue("nope"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> host.deleteQueue("nope"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void queueStatsOnATopicSaysItIsATopicInsteadOfAdvisingToDeclareAQueue() {
    try (TestBroker host = broker.isolatedHost()) {
      host.declareTopic("prices");

      assertThatThrownBy(() -> host.queueStats("prices"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "\"prices\" on host \""
                  + host.name()
                  + "\" is a topic, not a queue: a topic keeps no messages itself, each subscriber"
                  + " has a queue of its own. Check what a topic publishes with a receiver"
                  + " subscribed before the send (topicSubscriber(\"prices\") or a"
                  + " @Topic(\"prices\") parameter), or use a queue of another name.");
    }
  }

  @Test
  void invalidDestinationNamesAreRejected() {
    try (TestBroker host = broker.isolatedHost()) {
      assertThatThrownBy(() -> host.declareQueue(""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Queue name must not be blank but was \"\".");
      assertThatThrownBy(() -> host.declareQueue("has space"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Queue name \"has space\" contains whitespace or a control character at index 3; use"
                  + " letters, digits and '.', '_', '-'.");
      assertThatThrownBy(() -> host.declareTopic("amq.mine"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Topic name \"amq.mine\" starts with a prefix the broker reserves ('amq.' or"
                  + " 'qpid.'); choose another name.");
    }
  }

  @Test
  void aNameIsEitherAQueueOrATopic() {
    try (TestBroker host = broker.isolatedHost()) {
      host.declareQueue("orders");
      host.declareTopic("events");
      assertThatThrownBy(() -> host.declareTopic("orders"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Cannot declare topic \"orders\" on host \""
                  + host.name()
                  + "\": a queue of that name exists. Use another name, or deleteQueue(\"orders\")"
                  + " first.");
      assertThatThrownBy(() -> host.declareQueue("events"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a topic (exchange of type topic) of that name exists");
      assertThatThrownBy(() -> host.declareQueue("orders", QueueOptions.priority(10)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already exists")
          .hasMessageContaining("standard queue with other options");
      assertThat(host.topicNames()).containsExactly("events");
    }
  }

  @Test
  void topicGivesEverySubscriberItsOwnCopy() throws JMSException {
    try (TestBroker host = broker.isolatedHost();
        Connection connection = host.connectionFactory().createConnection()) {
      host.declareTopic("events");
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer first = session.createConsumer(session.createTopic("events"));
      MessageConsumer second = session.createConsumer(session.createTopic("events"));
      session.createProducer(session.createTopic("events")).send(session.createTextMessage("all"));

      assertThat(((TextMessage) first.receive(5_000)).getText()).isEqualTo("all");
      assertThat(((TextMessage) second.receive(5_000)).getText()).isEqualTo("all");
    }
  }

  @Test
  void priorityQueueDeliversHigherPrioritiesFirst() throws JMSException {
    try (TestBroker host = broker.isolatedHost();
        Connection connection = host.connectionFactory().createConnection()) {
      host.declareQueue("ranked", QueueOptions.priority(10));
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue("ranked"));
      producer.setPriority(1);
      producer.send(session.createTextMessage("low"));
      producer.setPriority(8);
      producer.send(session.createTextMessage("high"));
      connection.start();
      MessageConsumer consumer = session.createConsumer(session.createQueue("ranked"));

      assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("high");
      assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("low");
    }
  }

  @Test
  void failedDeliveriesEndOnTheDeadLetterQueue() throws JMSException {
    try (TestBroker host = broker.isolatedHost();
        Connection connection = host.connectionFactory().createConnection()) {
      host.declareQueue(
          "work",
          QueueOptions.standard().withMaximumDeliveryAttempts(2).withDeadLetterQueue("work-dlq"));
      assertThat(host.queueNames()).contains("work", "work-dlq");
      connection.start();
      Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
      session.createProducer(session.createQueue("work")).send(session.createTextMessage("poison"));
      session.commit();

      MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
      for (int attempt = 1; attempt <= 2; attempt++) {
        Message message = consumer.receive(5_000);
        assertThat(message).as("delivery attempt %d", attempt).isNotNull();
        session.rollback();
      }
      consumer.close();

      MessageConsumer dlq = session.createConsumer(session.createQueue("work-dlq"));
      assertThat(((TextMessage) dlq.receive(5_000)).getText()).isEqualTo("poison");
      session.commit();
      assertThat(host.queueStats("work").depth()).isZero();
    }
  }

  @Test
  void optionsRejectNonsense() {
    assertThatThrownBy(() -> QueueOptions.priority(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Priority levels must be between 2 and 256 but was 1; use 10 for the JMS priorities 0 to 9.");
    assertThatThrownBy(() -> QueueOptions.standard().withMaximumDeliveryAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Maximum delivery attempts must be 1 or more but was 0.");
    try (TestBroker host = broker.isolatedHost()) {
      assertThatThrownBy(
              () -> host.declareQueue("self", QueueOptions.standard().withDeadLetterQueue("self")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Queue \"self\" cannot be its own dead-letter queue; name another one.");
    }
  }

  private static void send(TestBroker host, String queue, String text) throws JMSException {
    try (Connection connection = host.connectionFactory().createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
    }
  }

  private static Message receive(TestBroker host, String queue, long timeoutMillis)
      throws JMSException {
    try (Connection connection = host.connectionFactory().createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      return session.createConsumer(session.createQueue(queue)).receive(timeoutMillis);
    }
  }
}
