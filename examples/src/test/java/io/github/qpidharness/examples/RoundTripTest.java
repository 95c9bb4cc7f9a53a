package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;

// snippet:start round-trip
@WithBroker
class RoundTripTest {

  @Test
  void aMessageArrivesWithItsBodyAndProperties(
      @Queue("orders") MessageSender sender, @Queue("orders") MessageReceiver receiver) {
    sender.send("Testing at noon", Map.of("type", "test", "attempt", 1));

    assertThat(receiver.receive())
        .hasText("Testing at noon")
        .hasProperty("type", "test")
        .hasProperty("attempt", 1)
        .doesNotHaveProperty("region");
  }
}
// snippet:end round-trip
