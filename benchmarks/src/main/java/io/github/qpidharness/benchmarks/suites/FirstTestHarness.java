package io.github.qpidharness.benchmarks.suites;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import org.junit.jupiter.api.Test;

/** Figure 1, harness side: the only test of a fresh JVM, one message through injected fixtures. */
@WithBroker(queues = "first")
class FirstTestHarness {
  @Test
  void firstMessage(
      @Queue("first") MessageSender sender, @Queue("first") MessageReceiver receiver) {
    sender.send("hello");
    assertThat(receiver).receivesMessageWithText("hello");
    Marks.mark("assert");
  }
}
