package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithBroker
class SelectorTest {

  @Test
  void aSelectorPicksOnlyMatchingMessages(
      @Queue("orders") MessageSender sender,
      @Queue(value = "orders", selector = "type = 'test'") MessageReceiver tests) {
    sender.send("real order", Map.of("type", "real"));
    sender.send("test order", Map.of("type", "test"));

    assertThat(tests).receivesExactly(1);
    assertThat(tests.receive()).hasText("test order");
  }
}
