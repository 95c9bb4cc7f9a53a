package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

@WithBroker(queues = "quotes")
class TimeToLiveTest {

  @Test
  void anExpiredMessageIsNeverDelivered(TestBroker broker, @Queue("quotes") MessageSender sender) {
    long expiresAt = System.currentTimeMillis() + 20;
    sender.message("stale quote").timeToLive(Duration.ofMillis(20)).send();
    sender.send("fresh quote");
    // The event we wait for is the expiry instant itself, so wait exactly until it has passed.
    while (System.currentTimeMillis() <= expiresAt) {
      LockSupport.parkUntil(expiresAt + 1);
    }

    MessageReceiver receiver = broker.queueReceiver("quotes");

    assertThat(receiver).receivesExactly(1);
    assertThat(receiver.receive()).hasText("fresh quote");
  }
}
