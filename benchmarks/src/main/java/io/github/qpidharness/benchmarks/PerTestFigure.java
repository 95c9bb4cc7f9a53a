package io.github.qpidharness.benchmarks;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What isolation costs each test, on warm brokers: everything a minimal messaging test does besides
 * its assertions (isolate, connect, send one message, receive it, clean up), median and p99.
 */
final class PerTestFigure {
  static final String TITLE = "per test: isolate, connect, one message, clean up";
  static final String RAW_TEMPORARY_QUEUE = "raw qpid-jms, temporary queue, harness broker";
  static final String RAW_ON_ARTEMIS = "raw qpid-jms, temporary queue, Artemis 2.55.0 embedded";
  static final String ISOLATED_HOST_RAW = "harness isolatedHost() + raw qpid-jms";
  static final String ISOLATED_HOST_FIXTURES = "harness isolatedHost() + fixtures + assertion";
  static final String ISOLATED_HOST_FIXTURES_NO_JOURNAL =
      "harness isolatedHost() + fixtures + assertion, journal off";
  private static final long RECEIVE_TIMEOUT_MS = 30_000;

  /** One test's worth of work; the caller times it. */
  @FunctionalInterface
  interface Test {
    void run() throws Exception;
  }

  private final Options options;

  PerTestFigure(Options options) {
    this.options = options;
  }

  Figure run() throws Exception {
    int warmUp = 20;
    int samples = options.samples(100);
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        EmbeddedBroker noJournal = EmbeddedBroker.builder().messageJournal(false).start();
        ArtemisEmbedded artemis = ArtemisEmbedded.start()) {
      Map<String, Test> tests = tests(broker, artemis);
      tests.put(ISOLATED_HOST_FIXTURES_NO_JOURNAL, () -> fixturesTest(noJournal));
      Map<String, double[]> times = new LinkedHashMap<>();
      tests.keySet().forEach(label -> times.put(label, new double[samples]));
      Progress.say("pertest: " + samples + " tests per variant, taking turns");
      for (int i = -warmUp; i < samples; i++) {
        for (Map.Entry<String, Test> test : tests.entrySet()) {
          long start = System.nanoTime();
          test.getValue().run();
          if (i >= 0) {
            times.get(test.getKey())[i] = BrokerFigures.millisSince(start);
          }
        }
      }
      Figure figure = new Figure(TITLE, "ms", 2, false);
      times.forEach(figure::add);
      return figure;
    }
  }

  /** The variants, baseline first. */
  static Map<String, Test> tests(EmbeddedBroker broker, BrokerUnderTest artemis) {
    Map<String, Test> tests = new LinkedHashMap<>();
    ConnectionFactory harnessDefault = broker.connectionFactory();
    ConnectionFactory artemisFactory = artemis.connectionFactory();
    tests.put(RAW_TEMPORARY_QUEUE, () -> rawTest(harnessDefault, null));
    tests.put(
        ISOLATED_HOST_RAW,
        () -> {
          try (TestBroker host = broker.isolatedHost()) {
            host.declareQueue("test");
            rawTest(host.connectionFactory(), "test");
          }
        });
    tests.put(ISOLATED_HOST_FIXTURES, () -> fixturesTest(broker));
    tests.put(RAW_ON_ARTEMIS, () -> rawTest(artemisFactory, null));
    return tests;
  }

  /** A minimal test on an isolated host of {@code broker}, with the harness's fixtures. */
  private static void fixturesTest(EmbeddedBroker broker) {
    try (TestBroker host = broker.isolatedHost()) {
      MessageReceiver receiver = host.queueReceiver("test");
      host.queueSender("test").send("test");
      assertThat(receiver).receivesMessageWithText("test");
    }
  }

  /** Connect, send one message and receive it, on {@code queue} or a temporary queue if null. */
  private static void rawTest(ConnectionFactory factory, String queue) throws JMSException {
    try (Connection connection = factory.createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Destination destination =
          queue == null ? session.createTemporaryQueue() : session.createQueue(queue);
      MessageConsumer consumer = session.createConsumer(destination);
      session.createProducer(destination).send(session.createTextMessage("test"));
      boolean received = consumer.receive(RECEIVE_TIMEOUT_MS) != null;
      // Closed before the connection deletes its temporary queue, which Broker-J would warn about.
      consumer.close();
      if (!received) {
        throw new IllegalStateException(
            "A message sent to "
                + destination
                + " did not arrive in "
                + RECEIVE_TIMEOUT_MS
                + " ms");
      }
    }
  }
}
