package io.github.qpidharness.benchmarks;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.TestBroker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Message figures on one warm harness broker and one Artemis: one-message latency (median, p99) and
 * throughput, for every {@link MessagingClient}; the first client is the baseline.
 */
final class MessagingFigures {
  static final String ROUND_TRIP = "one message: send called to message received";
  static final String AFTER_SEND = "one message: send returned to message received";
  static final String THROUGHPUT = "throughput: persistent text messages sent and received";
  static final String RAW_ON_HARNESS = "raw qpid-jms, harness broker";
  static final String RAW_ON_ARTEMIS = "raw qpid-jms, Artemis 2.55.0 embedded";
  static final String RAW_WITHOUT_JOURNAL = "raw qpid-jms, harness broker, journal off";
  static final String JOURNAL_ASSERTION = "harness sender, assertThat(journal).hasPublished";
  static final String FIXTURES_RECEIVE = "harness fixtures: send, receiver.receive()";
  static final String FIXTURES_ASSERTION = "harness fixtures: send, assertThat(receiver)";
  private static final String LATENCY_QUEUE = "bench-latency";
  private static final String THROUGHPUT_QUEUE = "bench-throughput";

  private final Options options;

  MessagingFigures(Options options) {
    this.options = options;
  }

  List<Figure> run() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestBroker host = broker.createHost("bench");
        EmbeddedBroker noJournal = EmbeddedBroker.builder().messageJournal(false).start();
        TestBroker plainHost = noJournal.createHost("bench");
        ArtemisEmbedded artemis = ArtemisEmbedded.start()) {
      host.declareQueue(LATENCY_QUEUE);
      host.declareQueue(THROUGHPUT_QUEUE);
      plainHost.declareQueue(LATENCY_QUEUE);
      plainHost.declareQueue(THROUGHPUT_QUEUE);
      List<MessagingClient> clients = clients(host, artemis);
      // The journal's cost: the same raw client on a broker that records none, and the journal's
      // own assertion.
      clients.add(
          1,
          new RawJmsClient(
              RAW_WITHOUT_JOURNAL,
              plainHost.connectionFactory(),
              LATENCY_QUEUE,
              THROUGHPUT_QUEUE));
      clients.add(new JournalClient(JOURNAL_ASSERTION, broker));
      try {
        List<Figure> figures = new ArrayList<>();
        if (options.includes("latency")) {
          figures.addAll(latency(clients));
        }
        if (options.includes("throughput")) {
          figures.add(throughput(clients));
        }
        return figures;
      } finally {
        for (MessagingClient client : clients) {
          client.close();
        }
      }
    }
  }

  /** The clients compared, baseline first; each works on its own queues. */
  static List<MessagingClient> clients(TestBroker host, BrokerUnderTest artemis) throws Exception {
    List<MessagingClient> clients = new ArrayList<>();
    clients.add(
        new RawJmsClient(
            RAW_ON_HARNESS, host.connectionFactory(), LATENCY_QUEUE, THROUGHPUT_QUEUE));
    clients.add(
        new FixtureClient(
            FIXTURES_RECEIVE,
            host,
            FixtureClient.Check.RECEIVE,
            "fixture-latency",
            "fixture-throughput"));
    clients.add(
        new FixtureClient(
            FIXTURES_ASSERTION,
            host,
            FixtureClient.Check.ASSERTION,
            "assertion-latency",
            "assertion-throughput"));
    clients.add(
        new RawJmsClient(
            RAW_ON_ARTEMIS, artemis.connectionFactory(), LATENCY_QUEUE, THROUGHPUT_QUEUE));
    return clients;
  }

  /** Clients take turns message by message, so that noise spreads evenly over them. */
  private List<Figure> latency(List<MessagingClient> clients) throws Exception {
    int warmUp = options.quick() ? 100 : 1_000;
    int samples = options.samples(200);
    Map<MessagingClient, double[]> roundTrips = new LinkedHashMap<>();
    Map<MessagingClient, double[]> afterSend = new LinkedHashMap<>();
    for (MessagingClient client : clients) {
      roundTrips.put(client, new double[samples]);
      afterSend.put(client, new double[samples]);
    }
    Progress.say(
        "latency: " + warmUp + " warm-up and " + samples + " measured messages per client");
    for (int i = -warmUp; i < samples; i++) {
      for (MessagingClient client : clients) {
        MessagingClient.Timing timing = client.roundTrip();
        if (i >= 0) {
          roundTrips.get(client)[i] = timing.roundTripMillis();
          afterSend.get(client)[i] = timing.afterSendMillis();
        }
      }
    }
    Figure whole = new Figure(ROUND_TRIP, "ms", 3, false);
    roundTrips.forEach((client, times) -> whole.add(client.label(), times));
    Figure rest = new Figure(AFTER_SEND, "ms", 3, false);
    afterSend.forEach((client, times) -> rest.add(client.label(), times));
    return List.of(whole, rest);
  }

  private Figure throughput(List<MessagingClient> clients) throws Exception {
    int messages = options.messages();
    Map<MessagingClient, double[]> rates = new LinkedHashMap<>();
    for (MessagingClient client : clients) {
      rates.put(client, new double[options.runs()]);
    }
    for (int run = -1; run < options.runs(); run++) {
      for (MessagingClient client : clients) {
        Progress.say(
            "throughput: "
                + (run < 0 ? "warm-up" : "run " + (run + 1) + "/" + options.runs())
                + ", "
                + client.label());
        long start = System.nanoTime();
        client.sendAndReceive(messages);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (run >= 0) {
          rates.get(client)[run] = messages / seconds;
        }
      }
    }
    Figure figure =
        new Figure(
            THROUGHPUT,
            String.format(Locale.ROOT, "msg/s, %,d messages per run", messages),
            0,
            true);
    rates.forEach((client, values) -> figure.add(client.label(), values));
    return figure;
  }
}
