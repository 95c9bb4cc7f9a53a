package io.github.qpidharness.benchmarks;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.server.model.VirtualHostNode;

/** In-process broker figures, after warm-up: stop, isolated host, and JMS connection open. */
final class BrokerFigures {
  static final String HOST = "isolated host: create + close";
  static final String HOST_CREATE = "harness createHost(name) + close";
  static final String HOST_ISOLATED = "harness isolatedHost() + close";

  private final Options options;

  BrokerFigures(Options options) {
    this.options = options;
  }

  List<Figure> run() throws JMSException {
    List<Figure> figures = new ArrayList<>();
    if (options.includes("stop")) {
      figures.add(stop());
    }
    if (options.includes("host")) {
      figures.add(host());
    }
    if (options.includes("connect")) {
      figures.add(connect());
    }
    return figures;
  }

  /**
   * Start, use once (connect, one message), then time the stop. The brokers take turns. Each sample
   * needs a start, so there are few of them.
   */
  private Figure stop() throws JMSException {
    int warmUp = 2;
    int samples = options.samples(2);
    Map<BrokerUnderTest.Kind, double[]> times = new EnumMap<>(BrokerUnderTest.Kind.class);
    for (BrokerUnderTest.Kind kind : BrokerUnderTest.Kind.values()) {
      times.put(kind, new double[samples]);
    }
    for (int i = -warmUp; i < samples; i++) {
      Progress.say("stop: " + (i < 0 ? "warm-up" : "sample " + (i + 1) + "/" + samples));
      for (BrokerUnderTest.Kind kind : BrokerUnderTest.Kind.values()) {
        BrokerUnderTest broker = kind.start();
        try {
          oneMessage(broker.connectionFactory());
        } finally {
          long start = System.nanoTime();
          broker.close();
          if (i >= 0) {
            times.get(kind)[i] = millisSince(start);
          }
        }
      }
    }
    Figure figure = new Figure("stop, warm JVM, after one message", "ms", 1, false);
    times.forEach((kind, samplesOfKind) -> figure.add(kind.label(), samplesOfKind));
    return figure;
  }

  /** Each variant runs alone, so background deletions of one do not slow another. */
  private Figure host() {
    int warmUp = 10;
    int samples = options.samples(100);
    Figure figure = new Figure(HOST, "ms", 2, false);
    figure.add(
        "raw Broker-J (untuned) virtual host node create + delete",
        rawHosts(false, warmUp, samples));
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      Progress.say("host: harness createHost, " + samples + " samples");
      double[] created = new double[samples];
      for (int i = -warmUp; i < samples; i++) {
        long start = System.nanoTime();
        broker.createHost("host-" + (i + warmUp)).close();
        if (i >= 0) {
          created[i] = millisSince(start);
        }
      }
      figure.add(HOST_CREATE, created);
      Progress.say("host: harness isolatedHost, " + samples + " samples, back to back");
      double[] isolated = new double[samples];
      for (int i = -warmUp; i < samples; i++) {
        long start = System.nanoTime();
        try (TestBroker host = broker.isolatedHost()) {
          host.name();
        }
        if (i >= 0) {
          isolated[i] = millisSince(start);
        }
      }
      figure.add(HOST_ISOLATED, isolated);
    }
    figure.add(
        "raw Broker-J (tuned) virtual host node create + delete", rawHosts(true, warmUp, samples));
    return figure;
  }

  private static double[] rawHosts(boolean tuned, int warmUp, int samples) {
    try (RawBrokerJ raw = RawBrokerJ.start(tuned)) {
      Progress.say("host: raw Broker-J" + (tuned ? " (tuned)" : "") + ", " + samples + " samples");
      double[] times = new double[samples];
      for (int i = -warmUp; i < samples; i++) {
        long start = System.nanoTime();
        VirtualHostNode<?> node = raw.createHostNode("raw-" + (i + warmUp));
        raw.deleteHostNode(node);
        if (i >= 0) {
          times[i] = millisSince(start);
        }
      }
      return times;
    }
  }

  /** {@code createConnection()} + {@code start()}, which completes the AMQP open handshake. */
  private Figure connect() throws JMSException {
    int warmUp = 20;
    int samples = options.samples(40);
    Map<BrokerUnderTest.Kind, BrokerUnderTest> brokers = new EnumMap<>(BrokerUnderTest.Kind.class);
    Map<BrokerUnderTest.Kind, double[]> times = new EnumMap<>(BrokerUnderTest.Kind.class);
    try {
      for (BrokerUnderTest.Kind kind : BrokerUnderTest.Kind.values()) {
        brokers.put(kind, kind.start());
        times.put(kind, new double[samples]);
      }
      Progress.say("connect: " + samples + " samples per broker");
      for (int i = -warmUp; i < samples; i++) {
        for (BrokerUnderTest.Kind kind : BrokerUnderTest.Kind.values()) {
          ConnectionFactory factory = brokers.get(kind).connectionFactory();
          long start = System.nanoTime();
          Connection connection = factory.createConnection();
          connection.start();
          double elapsed = millisSince(start);
          connection.close();
          if (i >= 0) {
            times.get(kind)[i] = elapsed;
          }
        }
      }
    } finally {
      brokers.values().forEach(BrokerUnderTest::close);
    }
    Figure figure = new Figure("JMS connection open (qpid-jms)", "ms", 2, false);
    times.forEach((kind, samplesOfKind) -> figure.add(kind.label(), samplesOfKind));
    return figure;
  }

  private static void oneMessage(ConnectionFactory factory) throws JMSException {
    try (Connection connection = factory.createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Queue queue = session.createTemporaryQueue();
      MessageConsumer consumer = session.createConsumer(queue);
      session.createProducer(queue).send(session.createTextMessage("one"));
      boolean received = consumer.receive(30_000) != null;
      // Closed before the connection deletes its temporary queue, which Broker-J would warn about.
      consumer.close();
      if (!received) {
        throw new IllegalStateException("A message sent to " + queue + " did not arrive in 30 s");
      }
    }
  }

  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
