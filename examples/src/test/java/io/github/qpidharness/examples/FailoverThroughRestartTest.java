package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.Endpoint;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.Outage;
import io.github.qpidharness.OutgoingMessage;
import io.github.qpidharness.SentMessage;
import io.github.qpidharness.Store;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A service on a failover connection factory through a broker restart and an outage. These faults
 * take the whole broker down, so the class gets a broker of its own (store = DERBY implies it; the
 * shared broker cannot be injected as an EmbeddedBroker).
 */
@WithBroker(store = Store.DERBY)
class FailoverThroughRestartTest {

  @Test
  void aServiceOnAFailoverConnectionFactoryKeepsPublishingThroughARestart(
      EmbeddedBroker broker, TestBroker host) throws Exception {
    host.declareQueue(ReadingPublisher.READINGS_QUEUE);
    List<SentMessage> sent = new ArrayList<>();
    try (ReadingPublisher publisher = new ReadingPublisher(host.failoverConnectionFactory())) {
      sent.add(published(publisher, "before the restart"));

      broker.restart();

      sent.add(published(publisher, "after the restart"));
    }

    // Persistent messages survive on Derby; a receiver made now finds both.
    MessageReceiver readings = host.queueReceiver(ReadingPublisher.READINGS_QUEUE);
    assertThat(readings).receivesAllOf(sent);
  }

  @Test
  void aPublishDuringAnOutageCompletesOnceTheBrokerIsBack(EmbeddedBroker broker, TestBroker host)
      throws Exception {
    host.declareQueue(ReadingPublisher.READINGS_QUEUE);
    List<SentMessage> sent = new ArrayList<>();
    try (ReadingPublisher publisher = new ReadingPublisher(host.failoverConnectionFactory())) {
      CompletableFuture<SentMessage> duringOutage;
      try (Outage outage = broker.outage()) {
        // The send waits for the failover client to reconnect, within its send timeout.
        duringOutage =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return published(publisher, "sent during the outage");
                  } catch (JMSException e) {
                    throw new IllegalStateException(e);
                  }
                });
      }
      sent.add(duringOutage.get(30, TimeUnit.SECONDS));
    }

    assertThat(host.queueReceiver(ReadingPublisher.READINGS_QUEUE)).receivesAllOf(sent);
  }

  private static SentMessage published(ReadingPublisher publisher, String reading)
      throws JMSException {
    String id = publisher.publish(reading);
    return new SentMessage(
        id, Endpoint.queue(ReadingPublisher.READINGS_QUEUE), OutgoingMessage.text(reading));
  }
}
