package io.github.qpidharness.benchmarks;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import java.time.Duration;

/**
 * The harness's fixtures, as a test uses them: a {@link MessageSender} and a {@link
 * MessageReceiver} on a queue of a {@link TestBroker} host, the message checked by {@code
 * receive()} or by an assertion.
 */
final class FixtureClient implements MessagingClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * An assertion looks through everything its receiver collected; a test's receiver holds a handful
   * of messages, so the latency receiver is replaced this often to stay like one.
   */
  private static final int MESSAGES_PER_RECEIVER = 100;

  /** How the receiving side takes the message. */
  enum Check {
    RECEIVE,
    ASSERTION
  }

  private final String label;
  private final TestBroker host;
  private final Check check;
  private final String latencyQueue;
  private final String throughputQueue;
  private final MessageSender latencySender;
  private MessageReceiver latencyReceiver;
  private long sequence;

  FixtureClient(
      String label, TestBroker host, Check check, String latencyQueue, String throughputQueue) {
    this.label = label;
    this.host = host;
    this.check = check;
    this.latencyQueue = latencyQueue;
    this.throughputQueue = throughputQueue;
    this.latencySender = host.queueSender(latencyQueue);
    this.latencyReceiver = host.queueReceiver(latencyQueue);
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Timing roundTrip() {
    if (++sequence % MESSAGES_PER_RECEIVER == 0) {
      latencyReceiver.close();
      latencyReceiver = host.queueReceiver(latencyQueue);
    }
    String text = "ping " + sequence;
    long start = System.nanoTime();
    latencySender.send(text);
    long sent = System.nanoTime();
    switch (check) {
      case RECEIVE -> latencyReceiver.receive(TIMEOUT);
      case ASSERTION -> assertThat(latencyReceiver).within(TIMEOUT).receivesMessageWithText(text);
    }
    return new Timing(start, sent, System.nanoTime());
  }

  /** A fresh sender and receiver per run, as each test would have. */
  @Override
  public void sendAndReceive(int count) {
    try (MessageReceiver receiver = host.queueReceiver(throughputQueue);
        MessageSender sender = host.queueSender(throughputQueue)) {
      for (int i = 0; i < count; i++) {
        sender.send("message " + i);
      }
      Duration timeout = TIMEOUT.plusMillis(count);
      switch (check) {
        case RECEIVE -> receiver.receive(count, timeout);
        case ASSERTION -> assertThat(receiver).within(timeout).receivesAtLeast(count);
      }
    }
  }

  @Override
  public void close() {
    latencySender.close();
    latencyReceiver.close();
  }
}
