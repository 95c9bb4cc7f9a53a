package io.github.qpidharness.junit5;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static io.github.qpidharness.junit5.EngineRuns.assertAllPassed;
import static io.github.qpidharness.junit5.EngineRuns.failures;
import static io.github.qpidharness.junit5.EngineRuns.reported;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.HarnessSoftAssertions;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.ReceivedMessage;
import io.github.qpidharness.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Every place JUnit lets a test take something, and which host it gets there. */
class InjectionPointsTest {

  // ---- constructors

  @Test
  void aConstructorGetsTheTestsOwnHostAndItsFixturesListenOnIt() {
    EngineExecutionResults results = run(ConstructorCase.class);

    assertAllPassed(results, 2);
    Map<String, String> hosts = reported(results, "host");
    assertThat(hosts.values()).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void aConstructorOfAPerClassTestInstanceUnderPerMethodIsolationIsRejected() {
    Throwable failure = onlyContainerFailure(run(PerClassInstanceConstructorCase.class));

    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Parameter [0] \"TestBroker\" of constructor PerClassInstanceConstructorCase(TestBroker)"
                + " is resolved outside any test (in @BeforeAll, @AfterAll, or the constructor of a"
                + " @TestInstance(PER_CLASS) class), but each test of"
                + " PerClassInstanceConstructorCase gets its own host (per-method isolation), which"
                + " does not exist yet: take it in @BeforeEach or in the test method, or use"
                + " @WithBroker(isolation = PER_CLASS) to share one host among the class's tests.");
  }

  // ---- @BeforeAll

  @Test
  void beforeAllUnderPerMethodIsolationIsRejectedSayingWhy() {
    Throwable failure = onlyContainerFailure(run(BeforeAllPerMethodCase.class));

    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageStartingWith(
            "Parameter [0] \"TestBroker\" of method BeforeAllPerMethodCase.seed(TestBroker) is"
                + " resolved outside any test (in @BeforeAll");
  }

  @Test
  void beforeAllUnderPerClassIsolationSeedsTheHostTheTestsShare() {
    assertAllPassed(run(BeforeAllPerClassCase.class), 1);
  }

  // ---- fields

  @Test
  void annotatedAndHarnessTypedInstanceFieldsAreFilledOnTheTestsHost() {
    assertAllPassed(run(InstanceFieldsCase.class), 2);
  }

  @Test
  void instanceFieldsOfAPerClassTestInstanceGetEachTestsOwnHost() {
    EngineExecutionResults results = run(PerClassInstanceFieldsCase.class);

    assertAllPassed(results, 2);
    assertThat(reported(results, "host").values()).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void aFixtureFieldLeftNullIsAFailureNamingTheField() {
    Map<String, Throwable> failures = failures(run(NullFixtureFieldCase.class));

    assertThat(failures).hasSize(1);
    assertThat(failures.values().iterator().next())
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "Field \"MessageReceiver orders\" of class NullFixtureFieldCase is still null as the"
                + " test starts: annotate it with @Queue(\"name\") or @Topic(\"name\") for a fixture"
                + " on the test's host, or set it in the constructor or in @BeforeEach.");
  }

  @Test
  void aFixtureFieldSetInBeforeEachIsAccepted() {
    assertAllPassed(run(FixtureFieldSetInBeforeEachCase.class), 1);
  }

  @Test
  void aStaticFixtureFieldUnderPerMethodIsolationIsRejected() {
    Throwable failure = onlyContainerFailure(run(StaticFieldPerMethodCase.class));

    assertThat(failure)
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "Field \"MessageReceiver orders\" of class StaticFieldPerMethodCase is static, so all"
                + " tests of StaticFieldPerMethodCase would share it, but each test gets its own"
                + " host (per-method isolation): make it an instance field, or use"
                + " @WithBroker(isolation = PER_CLASS) to share one host among the class's tests.");
  }

  @Test
  void aStaticFixtureFieldUnderPerClassIsolationLivesOnTheSharedHost() {
    assertAllPassed(run(StaticFieldPerClassCase.class), 2);
  }

  @Test
  void anAnnotatedFinalFieldIsRejected() {
    Map<String, Throwable> failures = failures(run(FinalFieldCase.class));

    assertThat(failures.values().iterator().next())
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "Field \"MessageSender orders\" of class FinalFieldCase is final: remove final so that"
                + " @WithBroker can set it.");
  }

  // ---- JMS clients

  @Test
  void jmsContextAndConnectionParametersReachTheTestsHostAndAreClosedAfterTheTest() {
    ClientsCase.seen.clear();

    assertAllPassed(run(ClientsCase.class), 2);

    assertThat(ClientsCase.seen).hasSize(2);
    JMSContext context = (JMSContext) ClientsCase.seen.get(0);
    Connection connection = (Connection) ClientsCase.seen.get(1);
    assertThatThrownBy(() -> context.createProducer().send(context.createQueue("orders"), "late"))
        .isInstanceOf(IllegalStateRuntimeException.class);
    assertThatThrownBy(connection::createSession).isInstanceOf(jakarta.jms.JMSException.class);
  }

  @Test
  void anUnsupportedParameterTypeListsWhatCanBeInjected() {
    Map<String, Throwable> failures = failures(run(UnsupportedTypeCase.class));

    assertThat(failures.values().iterator().next())
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Parameter [0] \"Session\" of method UnsupportedTypeCase.test(Session) cannot be"
                + " injected by @WithBroker, which injects:\n"
                + "  TestBroker: the test's isolated host\n"
                + "  ConnectionFactory: a qpid-jms connection factory for the test's host\n"
                + "  JMSContext: a started JMSContext on the test's host (auto-acknowledge), closed after"
                + " the test\n"
                + "  Connection: a started JMS Connection on the test's host, closed after the"
                + " test\n"
                + "  EmbeddedBroker, MessageBroker: the class's own broker, with"
                + " @WithBroker(dedicated = true) or store = Store.DERBY\n"
                + "  MessageSender, MessageReceiver with @Queue(\"name\") or @Topic(\"name\"): a"
                + " sender or a receiver (listening already) on that destination of the test's"
                + " host");
  }

  @Test
  void assertJsSoftAssertionsExtensionInjectsTheHarnessSoftAssertionsNextToTheFixtures() {
    Map<String, Throwable> failures = failures(run(SoftAssertionsCase.class));

    assertThat(failures).hasSize(1);
    assertThat(failures.values().iterator().next())
        .isInstanceOf(AssertJMultipleFailuresError.class)
        .hasMessageContaining("to have text \"other\"")
        .hasMessageContaining("to have priority 9");
  }

  // ---- destination options

  @Test
  void queueOptionsInTheAnnotationDeclarePriorityAndDeadLetterQueues() {
    assertAllPassed(run(QueueOptionsCase.class), 3);
  }

  @Test
  void queueOptionsThatContradictAnEarlierDeclarationAreRejected() {
    Map<String, Throwable> failures = failures(run(ContradictingOptionsCase.class));

    assertThat(failures.values().iterator().next())
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageStartingWith(
            "Parameter [0] \"MessageSender\" of method ContradictingOptionsCase.test(MessageSender):")
        .hasMessageContaining("\"jobs\"");
  }

  @Test
  void invalidQueueOptionsAreRejectedNamingTheFix() {
    Map<String, Throwable> failures = failures(run(InvalidOptionsCase.class));

    assertThat(failures.values().iterator().next())
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Parameter [0] \"MessageSender\" of method InvalidOptionsCase.test(MessageSender):"
                + " Priority levels must be between 2 and 256 but was 1; use 10 for the JMS"
                + " priorities 0 to 9. Fix it in @Queue.");
  }

  private static Throwable onlyContainerFailure(EngineExecutionResults results) {
    List<Throwable> failures =
        results.containerEvents().failed().stream()
            .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
            .toList();
    assertThat(failures).hasSize(1);
    return failures.get(0);
  }

  // ---- cases

  @WithBroker(queues = "orders")
  static class ConstructorCase {
    private final TestBroker host;
    private final MessageReceiver orders;

    ConstructorCase(TestBroker host, @Queue("orders") MessageReceiver orders) {
      this.host = host;
      this.orders = orders;
    }

    @Test
    void sameHostAsTheTest(TestBroker broker, TestReporter reporter) {
      reporter.publishEntry("host", broker.name());
      assertThat(host).isSameAs(broker);
    }

    @Test
    void theConstructorsReceiverGetsWhatTheTestSends(
        @Queue("orders") MessageSender sender, TestReporter reporter) {
      reporter.publishEntry("host", host.name());
      sender.send("42");
      assertThat(orders.receive()).hasText("42");
    }
  }

  @WithBroker
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassInstanceConstructorCase {
    PerClassInstanceConstructorCase(TestBroker host) {}

    @Test
    void test() {}
  }

  @WithBroker
  static class BeforeAllPerMethodCase {
    @BeforeAll
    static void seed(TestBroker host) {}

    @Test
    void test() {}
  }

  @WithBroker(isolation = Isolation.PER_CLASS)
  static class BeforeAllPerClassCase {
    @BeforeAll
    static void seed(TestBroker host) {
      host.queueSender("orders").send("seeded");
    }

    @Test
    void seesTheSeededMessage(TestBroker host) {
      assertThat(host.queueReceiver("orders")).receivesMessageWithText("seeded");
    }
  }

  @WithBroker
  static class InstanceFieldsCase {
    @Queue("orders")
    MessageSender sender;

    @Queue("orders")
    MessageReceiver orders;

    @Topic("events")
    MessageReceiver events;

    TestBroker host;
    ConnectionFactory connectionFactory;
    JMSContext context;

    @Test
    void fixtureFieldsWorkOnTheTestsHost(TestBroker broker) {
      assertThat(host).isSameAs(broker);
      assertThat(broker.topicNames()).containsExactly("events");
      sender.send("42");
      assertThat(orders.receive()).hasText("42");
      assertThat(events).receivesNothing();
    }

    @Test
    void plainJmsFieldsReachTheTestsHost() {
      context.createProducer().send(context.createQueue("orders"), "plain");
      assertThat(orders).receivesMessageWithText("plain");
      assertThat(connectionFactory).isNotNull();
    }
  }

  @WithBroker(queues = "orders")
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassInstanceFieldsCase {
    TestBroker host;

    @Queue("orders")
    MessageReceiver orders;

    @Test
    @Order(1)
    void first(TestReporter reporter) {
      reporter.publishEntry("host", host.name());
      host.queueSender("orders").send("left behind");
      assertThat(orders.receive()).hasText("left behind");
    }

    @Test
    @Order(2)
    void second(TestReporter reporter) {
      reporter.publishEntry("host", host.name());
      assertThat(host.queueStats("orders").totalEnqueued()).isZero();
      assertThat(orders).receivesNothing();
    }
  }

  @WithBroker
  static class NullFixtureFieldCase {
    MessageReceiver orders;

    @Test
    void test() {}
  }

  @WithBroker
  static class FixtureFieldSetInBeforeEachCase {
    MessageReceiver orders;

    @BeforeEach
    void listen(@Queue("orders") MessageReceiver orders) {
      this.orders = orders;
    }

    @Test
    void test(@Queue("orders") MessageSender sender) {
      sender.send("a");
      assertThat(orders.receive()).hasText("a");
    }
  }

  @WithBroker
  static class StaticFieldPerMethodCase {
    @Queue("orders")
    static MessageReceiver orders;

    @Test
    void test() {}
  }

  @WithBroker(isolation = Isolation.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class StaticFieldPerClassCase {
    @Queue("orders")
    static MessageReceiver orders;

    static TestBroker shared;

    @Test
    @Order(1)
    void first(TestBroker host) {
      assertThat(shared).isSameAs(host);
      host.queueSender("orders").send("one");
      assertThat(orders).receivesMessageWithText("one");
    }

    @Test
    @Order(2)
    void second(TestBroker host) {
      assertThat(shared).isSameAs(host);
      host.queueSender("orders").send("two");
      assertThat(orders).receivesExactly(2);
    }
  }

  @WithBroker
  static class FinalFieldCase {
    @Queue("orders")
    final MessageSender orders = null;

    @Test
    void test() {}
  }

  /** Hands the injected clients to the real test, which checks they were closed. */
  @WithBroker(queues = "orders", isolation = Isolation.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ClientsCase {
    static final List<Object> seen = new CopyOnWriteArrayList<>();

    @Test
    @Order(1)
    void jmsContext(JMSContext context, @Queue("orders") MessageReceiver orders) {
      seen.add(context);
      context.createProducer().send(context.createQueue("orders"), "via context");
      assertThat(orders.receive()).hasText("via context");
    }

    @Test
    @Order(2)
    void connection(Connection connection, @Queue("orders") MessageSender sender) throws Exception {
      // The host is shared, so only the extension's close can have ended the first test's context.
      JMSContext first = (JMSContext) seen.get(0);
      assertThatThrownBy(() -> first.createProducer().send(first.createQueue("orders"), "late"))
          .isInstanceOf(IllegalStateRuntimeException.class);
      seen.add(connection);
      sender.send("to a started connection");
      Session session = connection.createSession();
      ReceivedMessage received =
          ReceivedMessage.receiveFrom(session.createConsumer(session.createQueue("orders")));
      assertThat(received).hasText("to a started connection");
    }
  }

  @WithBroker
  static class UnsupportedTypeCase {
    @Test
    void test(Session session) {}
  }

  @WithBroker
  @ExtendWith(SoftAssertionsExtension.class)
  static class SoftAssertionsCase {
    @Test
    void twoDifferencesAtOnce(
        HarnessSoftAssertions softly,
        @Queue("orders") MessageSender sender,
        @Queue("orders") MessageReceiver orders) {
      sender.send("42");
      ReceivedMessage message = orders.receive();
      softly.assertThat(message).hasText("other");
      softly.assertThat(message).hasPriority(9);
    }
  }

  @WithBroker
  static class QueueOptionsCase {
    @Test
    void priorityQueue(
        @Queue(value = "urgent", priorities = 10) MessageSender sender, TestBroker host) {
      sender.message("low").priority(1).send();
      sender.message("high").priority(8).send();

      assertThat(host.queueReceiver("urgent")).receivesInOrder("high", "low");
    }

    @Test
    void optionsApplyWhicheverParameterComesFirst(
        @Queue("ranked") MessageReceiver ranked,
        @Queue(value = "ranked", priorities = 10) MessageSender sender,
        TestBroker host) {
      host.queueSender("ranked").message("low").priority(1).send();
      sender.message("high").priority(8).send();

      assertThat(ranked).receivesMessageWithText("low");
      assertThat(ranked).receivesMessageWithText("high");
    }

    @Test
    void deadLetterQueue(
        @Queue(value = "work", maximumDeliveryAttempts = 1, deadLetterQueue = "work.dlq")
            MessageSender sender,
        @Queue("work.dlq") MessageReceiver deadLetters,
        ConnectionFactory connectionFactory) {
      sender.send("poison");
      try (JMSContext consumer = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
        ReceivedMessage.receiveFrom(consumer.createConsumer(consumer.createQueue("work")));
        consumer.rollback();
      }
      assertThat(deadLetters.receive()).hasText("poison");
    }
  }

  @WithBroker(queues = "jobs")
  static class ContradictingOptionsCase {
    @Test
    void test(@Queue(value = "jobs", priorities = 10) MessageSender sender) {}
  }

  @WithBroker
  static class InvalidOptionsCase {
    @Test
    void test(@Queue(value = "jobs", priorities = 1) MessageSender sender) {}
  }
}
