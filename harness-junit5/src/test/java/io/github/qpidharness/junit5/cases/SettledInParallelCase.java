package io.github.qpidharness.junit5.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two tests at the same time, each on its own host: one keeps its host busy (a message its only
 * consumer does not take) while the other's host settles. Run by ParallelTest.
 */
@WithBroker
public class SettledInParallelCase {
  private static final CountDownLatch busy = new CountDownLatch(1);
  private static final CountDownLatch checked = new CountDownLatch(1);

  @Test
  void aBusyHost(
      TestBroker host,
      @Queue(value = "work", selector = "type = 'x'") MessageReceiver onlyX,
      @Queue("work") MessageSender work)
      throws InterruptedException {
    work.message("not for it").property("type", "y").send();
    assertThatThrownBy(() -> host.awaitSettled(Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class);
    busy.countDown();
    assertThat(checked.await(30, TimeUnit.SECONDS)).as("the other test checked").isTrue();
    assertThat(onlyX.received()).isEmpty();
  }

  @Test
  void aQuietHostAtTheSameTime(TestBroker host, @Queue("work") MessageReceiver work)
      throws InterruptedException {
    try {
      assertThat(busy.await(30, TimeUnit.SECONDS)).as("the other test's host is busy").isTrue();
      host.queueSender("work").send("mine");
      host.awaitSettled(Duration.ofSeconds(5));
      assertThat(work.received()).hasSize(1);
    } finally {
      checked.countDown();
    }
  }
}
