package io.github.qpidharness.benchmarks;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.Store;
import io.github.qpidharness.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The child JVM of {@link StoreFigures}: prints {@value #RESULT}key=samples lines. */
final class StoreChild {
  static final String RESULT = "STORE-RESULT ";

  private StoreChild() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("cold")) {
      EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.valueOf(args[1])).start();
      double sinceJvmStart =
          System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      broker.close();
      print("start", new double[] {sinceJvmStart});
      System.exit(0);
    }
    int samples = Integer.parseInt(args[1]);
    int messages = Integer.parseInt(args[2]);
    restarts("memory", Store.MEMORY, samples, 0);
    restarts("derby", Store.DERBY, samples, 0);
    restarts("derbyFull", Store.DERBY, Math.max(1, samples / 2), messages);
    perTest("memory", Store.MEMORY, samples * 10);
    perTest("derby", Store.DERBY, samples * 10);
    System.exit(0);
  }

  /** Times broker.restart() and TestBroker.restart() on a host with {@code messages} queued. */
  private static void restarts(String label, Store store, int samples, int messages)
      throws Exception {
    Progress.say("restart: " + label + ", " + samples + " samples each");
    int warmUp = 2;
    double[] broker = new double[samples];
    double[] host = new double[samples];
    try (EmbeddedBroker embedded = EmbeddedBroker.builder().store(store).start();
        TestBroker testHost = embedded.createHost("restarted")) {
      testHost.declareQueue("backlog");
      fill(testHost, messages);
      for (int i = -warmUp; i < samples; i++) {
        long start = System.nanoTime();
        embedded.restart();
        double brokerTime = BrokerFigures.millisSince(start);
        start = System.nanoTime();
        testHost.restart();
        double hostTime = BrokerFigures.millisSince(start);
        // A memory host comes back empty; a Derby host with its backlog.
        if (store == Store.MEMORY) {
          testHost.declareQueue("backlog");
        } else if (testHost.queueStats("backlog").depth() != messages) {
          throw new IllegalStateException("messages lost in a restart");
        }
        if (i >= 0) {
          broker[i] = brokerTime;
          host[i] = hostTime;
        }
      }
    }
    print("broker." + label, broker);
    print("host." + label, host);
  }

  private static void fill(TestBroker host, int messages) throws Exception {
    if (messages == 0) {
      return;
    }
    try (Connection connection = host.connectionFactory().createConnection()) {
      Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
      MessageProducer producer = session.createProducer(session.createQueue("backlog"));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      for (int i = 0; i < messages; i++) {
        producer.send(session.createTextMessage("message " + i));
        if (i % 100 == 99) {
          session.commit();
        }
      }
      session.commit();
    }
  }

  private static void perTest(String label, Store store, int samples) {
    Progress.say("pertest on " + label + ": " + samples + " tests");
    int warmUp = 20;
    double[] times = new double[samples];
    try (EmbeddedBroker broker = EmbeddedBroker.builder().store(store).start()) {
      for (int i = -warmUp; i < samples; i++) {
        long start = System.nanoTime();
        try (TestBroker host = broker.isolatedHost()) {
          MessageReceiver receiver = host.queueReceiver("orders");
          host.queueSender("orders").send("one");
          assertThat(receiver.receive()).hasText("one");
        }
        if (i >= 0) {
          times[i] = BrokerFigures.millisSince(start);
        }
      }
    }
    print("pertest." + label, times);
  }

  private static void print(String key, double[] samples) {
    System.out.println(
        RESULT
            + key
            + "="
            + Arrays.stream(samples).mapToObj(Double::toString).collect(Collectors.joining(",")));
  }
}
