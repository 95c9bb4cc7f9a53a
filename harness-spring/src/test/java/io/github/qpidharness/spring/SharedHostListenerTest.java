package io.github.qpidharness.spring;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.junit5.Isolation;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Under {@code Isolation.PER_CLASS} the class's tests share one host: a request the first test
 * leaves for the listener is answered, in that test or the next, and nothing is lost when a test
 * ends while the listener is about to get a message.
 */
@SpringJUnitConfig(EchoListenerConfig.class)
@WithQpidBroker(queues = {"requests", "replies"})
@WithBroker(isolation = Isolation.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedHostListenerTest {

  @Test
  @Order(1)
  void theFirstTestLeavesAReplyUnread(@Queue("requests") MessageSender requests) {
    requests.send("first");
  }

  @Test
  @Order(2)
  void theSecondFindsItOnTheSameHost(
      @Queue("requests") MessageSender requests, @Queue("replies") MessageReceiver replies) {
    requests.send("second");

    assertThat(replies).untilSettled().receivesExactly(2);
    assertThat(replies.received())
        .extracting(io.github.qpidharness.ReceivedMessage::text)
        .containsExactlyInAnyOrder("echo first", "echo second");
  }
}
