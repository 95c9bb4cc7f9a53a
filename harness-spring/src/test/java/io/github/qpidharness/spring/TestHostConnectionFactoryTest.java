package io.github.qpidharness.spring;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.NetworkProxy;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@WithBroker(queues = "work")
class TestHostConnectionFactoryTest {
  private static final String NO_TEST =
      "No @WithQpidBroker test is running, so there is no host to connect to: the context's"
          + " ConnectionFactory reaches a test's host from the start to the end of that test only."
          + " Connect from a test, a @BeforeEach/@AfterEach method or a JMS listener, not while the"
          + " context starts.";

  private final TestHostConnectionFactory factory = new TestHostConnectionFactory();

  @Test
  void betweenTestsNoConnectionCanBeMade() {
    assertThat(factory.currentHost()).isEmpty();
    assertThatThrownBy(factory::createConnection)
        .isInstanceOf(jakarta.jms.IllegalStateException.class)
        .hasMessage(NO_TEST);
    assertThatThrownBy(factory::createContext)
        .isInstanceOf(IllegalStateRuntimeException.class)
        .hasMessage(NO_TEST);
  }

  @Test
  void connectionsReachTheRoutedHost(TestBroker broker, @Queue("work") MessageReceiver work)
      throws Exception {
    factory.route(broker);

    try (Connection connection = factory.createConnection()) {
      Session session = connection.createSession();
      session.createProducer(session.createQueue("work")).send(session.createTextMessage("a"));
    }
    try (JMSContext context = factory.createContext()) {
      context.createProducer().send(context.createQueue("work"), "b");
    }

    assertThat(work).receivesInOrder("a", "b");
    assertThat(factory.currentHost()).containsSame(broker);
  }

  @Test
  void aSecondTestCannotTakeOverARoutedFactory(TestBroker broker) throws Exception {
    factory.route(broker);

    assertThatThrownBy(() -> factory.route(broker))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "This application context's ConnectionFactory already serves another test, on host \""
                + broker.name()
                + "\": tests that share a @WithQpidBroker context must not run at the same time. Run"
                + " them in one thread (@Execution(ExecutionMode.SAME_THREAD)) or give the classes"
                + " different contexts.");
    assertThat(factory.currentHost()).containsSame(broker);
  }

  @Test
  void unroutingClosesTheConnectionsOpenedOnTheRoute(TestBroker broker) throws Exception {
    factory.route(broker);
    Connection connection = factory.createConnection();
    connection.start();

    factory.unroute();

    assertThatThrownBy(connection::createSession)
        .isInstanceOf(jakarta.jms.IllegalStateException.class);
    assertThat(factory.currentHost()).isEmpty();
  }

  @Test
  void closingTheConsumersEndsAReceiveLongBeforeItsTimeout(TestBroker broker) throws Exception {
    factory.route(broker);
    try (Connection connection = factory.createConnection()) {
      connection.start();
      Session session = connection.createSession();
      MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
      AtomicReference<Thread> receiving = new AtomicReference<>();
      CompletableFuture<Object> receive =
          CompletableFuture.supplyAsync(
              () -> {
                receiving.set(Thread.currentThread());
                try {
                  Message message = consumer.receive(TimeUnit.MINUTES.toMillis(5));
                  return message == null ? "nothing" : message;
                } catch (jakarta.jms.JMSException e) {
                  return e;
                }
              });
      // The receive is under way, as a listener container's is (one that begins after the close is
      // the next test's subject).
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  receiving.get() != null
                      && receiving.get().getState() == Thread.State.TIMED_WAITING);

      assertThat(factory.closeConsumers(Duration.ofSeconds(30))).isTrue();

      assertThat(receive.get(30, TimeUnit.SECONDS)).isEqualTo("nothing");
    }
  }

  @Test
  void aReceiveThatBeginsAfterTheConsumersClosedEndsWithNothingInsteadOfThrowing(TestBroker broker)
      throws Exception {
    factory.route(broker);
    try (Connection connection = factory.createConnection()) {
      connection.start();
      Session session = connection.createSession();
      MessageConsumer consumer = session.createConsumer(session.createQueue("work"));

      assertThat(factory.closeConsumers(Duration.ofSeconds(30))).isTrue();

      // What a listener container's invoker does when the close came just before its next receive:
      // a throw here would make it log a warning and try to recover; a receive that returned at
      // once
      // would make it spin until its container stops. It waits for that stop instead.
      assertThat(consumer.receiveNoWait()).isNull();
      CompletableFuture<Message> held =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return consumer.receive(TimeUnit.MINUTES.toMillis(5));
                } catch (jakarta.jms.JMSException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(consumer.receive(50)).isNull();
      assertThat(held).isNotDone();

      factory.containersStopped();
      assertThat(held.get(30, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test
  void aConsumerTheApplicationClosedStillThrowsOnReceive(TestBroker broker) throws Exception {
    factory.route(broker);
    try (Connection connection = factory.createConnection()) {
      Session session = connection.createSession();
      MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
      consumer.close();

      assertThatThrownBy(consumer::receiveNoWait)
          .isInstanceOf(jakarta.jms.IllegalStateException.class);
    }
  }

  @Test
  @Timeout(60)
  void aConsumerCloseTheBrokerNeverAnswersIsWaitedForAtMostTheGivenTime(TestBroker broker)
      throws Exception {
    NetworkProxy network = broker.proxy();
    TestBroker behindTheProxy =
        (TestBroker)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {TestBroker.class},
                (proxy, method, args) ->
                    method.getName().equals("connectionFactory")
                        ? network.connectionFactory()
                        : method.invoke(broker, args));
    factory.route(behindTheProxy);
    Connection connection = factory.createConnection();
    Session session = connection.createSession();
    session.createConsumer(session.createQueue("work"));
    network.freeze();

    // qpid-jms would wait for the broker's answer to the close for ever.
    assertThat(factory.closeConsumers(Duration.ofMillis(300))).isFalse();

    network.cut();
    factory.unroute();
    assertThat(factory.currentHost()).isEmpty();
  }
}
