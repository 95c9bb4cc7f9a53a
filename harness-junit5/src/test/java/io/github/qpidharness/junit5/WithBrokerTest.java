package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.assertAllPassed;
import static io.github.qpidharness.junit5.EngineRuns.reported;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class WithBrokerTest {

  @Test
  void injectsTestBrokerAndAConnectionFactoryForTheSameHost() {
    assertAllPassed(run(InjectionCase.class), 1);
  }

  @Test
  void givesEveryTestItsOwnHostSoLeftoverMessagesAreNeverSeen() {
    EngineExecutionResults results = run(IsolationCase.class);

    assertAllPassed(results, 2);
    Map<String, String> hosts = reported(results, "host");
    assertThat(hosts)
        .containsOnlyKeys(
            "leavesAMessageBehind(TestBroker, TestReporter)",
            "seesAnEmptyQueue(TestBroker, TestReporter)");
    assertThat(Set.copyOf(hosts.values())).hasSize(2);
  }

  @Test
  void beforeEachAndTheTestGetTheSameHost() {
    assertAllPassed(run(BeforeEachCase.class), 2);
  }

  @Test
  void perClassIsolationSharesOneHostWithAllTestsAndNestedClasses() {
    EngineExecutionResults results = run(PerClassCase.class);

    assertAllPassed(results, 3);
    Map<String, String> hosts = reported(results, "host");
    assertThat(hosts).hasSize(3);
    assertThat(Set.copyOf(hosts.values())).hasSize(1);
  }

  @Test
  void nestedClassesDeclareWhatTheirEnclosingClassesDeclare() {
    EngineExecutionResults results = run(NestedCase.class);

    assertAllPassed(results, 3);
    assertThat(Set.copyOf(reported(results, "host").values())).hasSize(3);
  }

  @Test
  void withBrokerOnAMethodDeclaresForThatMethodOnly() {
    assertAllPassed(run(MethodLevelCase.class), 2);
  }

  @Test
  void worksAsAMetaAnnotationAndIsInherited() {
    assertAllPassed(run(MetaAnnotationCase.class, InheritedCase.class), 2);
  }

  @Test
  void leavesNoThreadsBehindOnceTheRunIsOver() throws Exception {
    Set<Thread> before = EngineRuns.liveThreads();

    assertAllPassed(run(InjectionCase.class, PerClassCase.class), 4);

    assertThat(EngineRuns.threadsStillAliveAfter(before, Duration.ofSeconds(10))).isEmpty();
  }

  static String receiveText(ConnectionFactory factory, String queue) throws JMSException {
    try (Connection connection = factory.createConnection()) {
      connection.start();
      Session session = connection.createSession();
      MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
      Message message = consumer.receive(5_000);
      return message == null ? null : ((TextMessage) message).getText();
    }
  }

  static void sendText(ConnectionFactory factory, String queue, String text) throws JMSException {
    try (Connection connection = factory.createConnection()) {
      Session session = connection.createSession();
      session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
    }
  }

  @WithBroker(queues = "orders", topics = "events")
  static class InjectionCase {
    @Test
    void injects(TestBroker broker, ConnectionFactory factory) throws Exception {
      assertThat(broker.queueNames()).contains("orders");
      assertThat(broker.topicNames()).containsExactly("events");

      sendText(factory, "orders", "42");

      assertThat(broker.queueStats("orders").depth()).isEqualTo(1);
      assertThat(receiveText(broker.connectionFactory(), "orders")).isEqualTo("42");
    }
  }

  @WithBroker(queues = "orders")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class IsolationCase {
    @Test
    @Order(1)
    void leavesAMessageBehind(TestBroker broker, TestReporter reporter) throws Exception {
      reporter.publishEntry("host", broker.name());
      sendText(broker.connectionFactory(), "orders", "left behind");
      assertThat(broker.queueStats("orders").depth()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void seesAnEmptyQueue(TestBroker broker, TestReporter reporter) {
      reporter.publishEntry("host", broker.name());
      assertThat(broker.queueStats("orders").totalEnqueued()).isZero();
    }
  }

  @WithBroker(queues = "orders")
  static class BeforeEachCase {
    private TestBroker fromBeforeEach;

    @BeforeEach
    void setUp(TestBroker broker) throws Exception {
      fromBeforeEach = broker;
      sendText(broker.connectionFactory(), "orders", "from setUp");
    }

    @Test
    void sameHandle(TestBroker broker) {
      assertThat(broker).isSameAs(fromBeforeEach);
    }

    @Test
    void sameHostThroughTheFactory(ConnectionFactory factory) throws Exception {
      assertThat(receiveText(factory, "orders")).isEqualTo("from setUp");
    }
  }

  @WithBroker(queues = "orders", isolation = Isolation.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassCase {
    @Test
    @Order(1)
    void first(TestBroker broker, TestReporter reporter) throws Exception {
      reporter.publishEntry("host", broker.name());
      sendText(broker.connectionFactory(), "orders", "kept for the next test");
    }

    @Test
    @Order(2)
    void second(TestBroker broker, TestReporter reporter) {
      reporter.publishEntry("host", broker.name());
      assertThat(broker.queueStats("orders").depth()).isEqualTo(1);
    }

    @Nested
    class Inner {
      @Test
      void nested(TestBroker broker, TestReporter reporter) {
        reporter.publishEntry("host", broker.name());
        assertThat(broker.queueNames()).contains("orders");
      }
    }
  }

  @WithBroker(queues = "orders")
  static class NestedCase {
    @Test
    void outer(TestBroker broker, TestReporter reporter) {
      reporter.publishEntry("host", broker.name());
      assertThat(broker.queueNames()).containsExactly("orders");
      assertThat(broker.topicNames()).isEmpty();
    }

    @Nested
    class Plain {
      @Test
      void inheritsTheOuterDeclarations(TestBroker broker, TestReporter reporter) {
        reporter.publishEntry("host", broker.name());
        assertThat(broker.queueNames()).containsExactly("orders");
      }
    }

    @Nested
    @WithBroker(topics = "events")
    class WithMore {
      @Test
      void addsItsOwn(TestBroker broker, TestReporter reporter) {
        reporter.publishEntry("host", broker.name());
        assertThat(broker.queueNames()).containsExactly("orders");
        assertThat(broker.topicNames()).containsExactly("events");
      }
    }
  }

  static class MethodLevelCase {
    @Test
    @WithBroker(queues = "payments")
    void annotated(TestBroker broker) {
      assertThat(broker.queueNames()).containsExactly("payments");
    }

    @Test
    void notAnnotatedNeedsNoBroker() {}
  }

  @Retention(RetentionPolicy.RUNTIME)
  @WithBroker(queues = "orders")
  @interface OrdersBroker {}

  @OrdersBroker
  static class MetaAnnotationCase {
    @Test
    void declared(TestBroker broker) {
      assertThat(broker.queueNames()).containsExactly("orders");
    }
  }

  @WithBroker(topics = "events")
  abstract static class AnnotatedBase {}

  static class InheritedCase extends AnnotatedBase {
    @Test
    void declared(TestBroker broker) {
      assertThat(broker.topicNames()).containsExactly("events");
    }
  }
}
