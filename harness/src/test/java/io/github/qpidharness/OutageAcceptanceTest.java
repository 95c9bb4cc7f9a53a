package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnection;
import org.apache.qpid.jms.JmsConnectionListener;
import org.apache.qpid.jms.message.JmsInboundMessageDispatch;
import org.junit.jupiter.api.Test;

/**
 * Failover clients through broker restarts and outages on a Derby store: nothing acknowledged is
 * lost, and a transaction an outage interrupts is rolled back as qpid-jms documents.
 */
// Failover clients reconnect while the broker stops and starts: Broker-J logs each connection that
// arrives before its port has a protocol engine again, or that it closes mid-frame.
@ExpectedLog({
  "JmsConnection - Connection ID:\\S+ has failed due to: .*",
  "FailoverProvider - .*",
  "DerbyConfigurationStore - .*",
  "FrameHandler - Unexpected exception handling frame",
  "NonBlockingNetworkTransport - No Engine available",
  "NonBlockingNetworkTransport - Failed to process incoming socket",
  "SelectorThread - Failed to register selector"
})
class OutageAcceptanceTest {
  private static final long BOUND_MILLIS =
      HarnessTimeouts.scaled(Duration.ofSeconds(60)).toMillis();
  private static final int MESSAGES = 2_000;
  private static final int RESTARTS = 5;

  @Test
  void aFailoverProducerLosesNoAcknowledgedSendThroughFiveDerbyRestarts() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.DERBY).start();
        TestBroker host = broker.createHost("acceptance")) {
      host.declareQueue("readings");
      List<Long> interruptions = Collections.synchronizedList(new ArrayList<>());
      List<Long> reconnects = Collections.synchronizedList(new ArrayList<>());
      List<SentMessage> acknowledged = Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.atomic.AtomicInteger refused =
          new java.util.concurrent.atomic.AtomicInteger();
      List<CompletableFuture<Void>> reached = new ArrayList<>();
      for (int r = 0; r < RESTARTS; r++) {
        reached.add(new CompletableFuture<>());
      }
      long start;
      long sendingTook;
      long restarting = 0;
      try (Connection connection = host.failoverConnectionFactory().createConnection()) {
        ((JmsConnection) connection)
            .addConnectionListener(
                new ReconnectListener() {
                  @Override
                  public void onConnectionInterrupted(URI remoteURI) {
                    interruptions.add(System.nanoTime());
                  }

                  @Override
                  public void onConnectionRestored(URI remoteURI) {
                    long now = System.nanoTime();
                    synchronized (interruptions) {
                      if (!interruptions.isEmpty()) {
                        reconnects.add(now - interruptions.get(interruptions.size() - 1));
                      }
                    }
                  }
                });
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("readings"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        start = System.nanoTime();
        CompletableFuture<Void> sending =
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < MESSAGES; i++) {
                    String text = "reading " + i;
                    try {
                      TextMessage message = session.createTextMessage(text);
                      producer.send(message);
                      acknowledged.add(
                          new SentMessage(
                              message.getJMSMessageID(),
                              Endpoint.queue("readings"),
                              OutgoingMessage.text(text)));
                    } catch (JMSException e) {
                      // Not acknowledged (qpid-jms gives up on a send it cannot settle through a
                      // reconnect): the report counts it as unexpected if it arrives after all.
                      refused.incrementAndGet();
                    }
                    int next = (i + 1) * (RESTARTS + 1) / MESSAGES - 1;
                    if (next >= 0 && next < RESTARTS) {
                      reached.get(next).complete(null);
                    }
                  }
                });
        for (int r = 0; r < RESTARTS; r++) {
          reached.get(r).get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
          long restartStart = System.nanoTime();
          broker.restart();
          restarting += System.nanoTime() - restartStart;
        }
        sending.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        sendingTook = System.nanoTime() - start;
      }

      MessageReceiver receiver = host.queueReceiver("readings");
      assertThat(receiver).within(Duration.ofMillis(BOUND_MILLIS)).receivesAllOf(acknowledged);
      DeliveryReport report = DeliveryReport.of(acknowledged, receiver.received());
      // Every send either was acknowledged (and then arrived, above) or failed to the caller; the
      // issue's promise is about the acknowledged ones. Failover keeps failed sends rare.
      assertThat(acknowledged.size() + refused.get()).isEqualTo(MESSAGES);
      assertThat(refused.get()).as("sends that failed to the caller").isLessThanOrEqualTo(RESTARTS);
      assertThat(reconnects).hasSize(RESTARTS);
      writeFigures(report, sendingTook, restarting, reconnects);
    }
  }

  @Test
  void aCommitHitByAnOutageIsRolledBackAndDeliversNothingOfTheTransaction() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.DERBY).start();
        TestBroker host = broker.createHost("transactions")) {
      host.declareQueue("orders");
      try (Connection connection = host.failoverConnectionFactory().createConnection()) {
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        ((JmsConnection) connection)
            .addConnectionListener(
                new ReconnectListener() {
                  @Override
                  public void onConnectionInterrupted(URI remoteURI) {
                    interrupted.complete(null);
                  }
                });
        connection.start();
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(transacted.createQueue("orders"));
        producer.send(transacted.createTextMessage("first of the transaction"));
        producer.send(transacted.createTextMessage("second of the transaction"));

        CompletableFuture<Throwable> commit;
        try (Outage outage = broker.outage()) {
          interrupted.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
          commit =
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      transacted.commit();
                      return null;
                    } catch (JMSException e) {
                      return e;
                    }
                  });
        }

        assertThat(commit.get(BOUND_MILLIS, TimeUnit.MILLISECONDS))
            .isInstanceOf(TransactionRolledBackException.class);
        MessageReceiver orders = host.queueReceiver("orders");
        assertThat(orders).receivesNothing();
        producer.send(transacted.createTextMessage("after the outage"));
        transacted.commit();
        assertThat(orders).receivesInOrder("after the outage");
      }
    }
  }

  /** The figures the issue asks for, kept out of the build log: target/outage-acceptance.txt. */
  private static void writeFigures(
      DeliveryReport report, long sendingNanos, long restartingNanos, List<Long> reconnects)
      throws java.io.IOException {
    List<Long> sorted = new ArrayList<>(reconnects);
    sorted.sort(null);
    long p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
    double seconds = sendingNanos / 1e9;
    String figures =
        MESSAGES
            + " persistent messages through "
            + RESTARTS
            + " Derby restarts in "
            + String.format(
                "%.2f s (%.0f msg/s overall; the restarts took %.2f s, %.0f msg/s while up)",
                seconds,
                MESSAGES / seconds,
                restartingNanos / 1e9,
                MESSAGES / (seconds - restartingNanos / 1e9))
            + "\nduplicates: "
            + report.duplicates()
            + ", lost: "
            + report.lost().size()
            + ", redelivered: "
            + report.redelivered().size()
            + "\nreconnect times (ms): "
            + sorted.stream().map(n -> TimeUnit.NANOSECONDS.toMillis(n)).toList()
            + ", p95 "
            + TimeUnit.NANOSECONDS.toMillis(p95)
            + " ms\n";
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("outage-acceptance.txt"), figures);
  }

  /** Hears of a failover connection losing and regaining the broker; ignores the rest. */
  private abstract static class ReconnectListener implements JmsConnectionListener {
    @Override
    public void onConnectionEstablished(URI remoteURI) {}

    @Override
    public void onConnectionFailure(Throwable error) {}

    @Override
    public void onConnectionInterrupted(URI remoteURI) {}

    @Override
    public void onConnectionRestored(URI remoteURI) {}

    @Override
    public void onInboundMessage(JmsInboundMessageDispatch envelope) {}

    @Override
    public void onSessionClosed(Session session, Throwable cause) {}

    @Override
    public void onConsumerClosed(jakarta.jms.MessageConsumer consumer, Throwable cause) {}

    @Override
    public void onProducerClosed(MessageProducer producer, Throwable cause) {}
  }
}
