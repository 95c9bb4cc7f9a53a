package io.github.qpidharness.benchmarks;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import java.time.Duration;
import java.util.Map;

/**
 * The journal as a test uses it: a {@link MessageSender} on a queue nothing consumes, the message
 * checked by {@code assertThat(host.journal()).hasPublished(...)}. A test's journal holds a
 * handful of messages, so the host is replaced this often to stay like one.
 */
final class JournalClient implements MessagingClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MESSAGES_PER_HOST = 100;

  private final String label;
  private final EmbeddedBroker broker;
  private TestBroker host;
  private MessageSender sender;
  private long sequence;

  JournalClient(String label, EmbeddedBroker broker) {
    this.label = label;
    this.broker = broker;
    newHost();
  }

  private void newHost() {
    if (host != null) {
      host.close();
    }
    host = broker.isolatedHost();
    sender = host.queueSender("journal-latency");
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Timing roundTrip() {
    if (++sequence % MESSAGES_PER_HOST == 0) {
      newHost();
    }
    String text = "ping " + sequence;
    long start = System.nanoTime();
    sender.send(text);
    long sent = System.nanoTime();
    assertThat(host.journal()).within(TIMEOUT).hasPublished("journal-latency", text, Map.of());
    return new Timing(start, sent, System.nanoTime());
  }

  /** A fresh host per run, as each test would have; the journal counts what was published. */
  @Override
  public void sendAndReceive(int count) {
    try (TestBroker run = broker.isolatedHost();
        MessageSender runSender = run.queueSender("journal-throughput")) {
      for (int i = 0; i < count; i++) {
        runSender.send("message " + i);
      }
      assertThat(run.journal())
          .within(TIMEOUT.plusMillis(count))
          .withQuietPeriod(Duration.ZERO)
          .hasPublishedExactly(count, "journal-throughput");
    }
  }

  @Override
  public void close() {
    host.close();
  }
}
