package io.github.qpidharness.spring;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Queue;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A listener container with automatic acknowledgement (plain Spring's default, not transacted): the
 * broker counts a message as consumed when the container receives it, before its listener runs. The
 * host still waits for the listener before it calls itself settled.
 */
@SpringJUnitConfig(SettledListenerTest.Config.class)
@WithQpidBroker(queues = {"orders", "events"})
class SettledListenerTest {

  @Configuration
  @Import(ListenerTestConfig.class)
  static class Config {
    @Bean
    SlowService slowService(ConnectionFactory factory) {
      return new SlowService(new JmsTemplate(factory));
    }
  }

  /** Publishes an event for each order, and a second one once the test opens its gate. */
  static class SlowService {
    private final JmsTemplate jms;
    volatile CountDownLatch gate = new CountDownLatch(0);

    SlowService(JmsTemplate jms) {
      this.jms = jms;
    }

    @JmsListener(destination = "orders")
    void onOrder(String order) throws InterruptedException {
      jms.convertAndSend("events", "first for " + order);
      if (gate.await(10, TimeUnit.SECONDS)) {
        jms.convertAndSend("events", "second for " + order);
      }
    }
  }

  @Autowired SlowService service;

  @BeforeEach
  void closeTheGate() {
    service.gate = new CountDownLatch(1);
  }

  @RepeatedTest(2)
  void theHostIsBusyWhileTheListenerWorksOnAnAcknowledgedMessage(
      TestBroker broker,
      @Queue("orders") MessageSender orders,
      @Queue("events") MessageReceiver events) {
    orders.send("42");
    assertThat(events).receivesMessageWithText("first for 42");

    // The order is consumed on the broker, but its listener has not returned.
    assertThatThrownBy(() -> broker.awaitSettled(Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 consumer of the application still processing a message");

    service.gate.countDown();
    assertThat(events).untilSettled().receivesExactly(2);
    assertThat(events.received().get(1)).hasText("second for 42");
  }
}
