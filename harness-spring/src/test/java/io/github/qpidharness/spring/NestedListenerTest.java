package io.github.qpidharness.spring;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Queue;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** The listener follows the host into a {@code @Nested} class, which gets a host of its own. */
@SpringJUnitConfig(EchoListenerConfig.class)
@WithQpidBroker(queues = "requests")
class NestedListenerTest {
  private static final Set<String> hosts = new HashSet<>();

  @Test
  void theListenerAnswersHere(
      TestBroker broker,
      @Queue("requests") MessageSender requests,
      @Queue("replies") MessageReceiver replies) {
    assertThat(hosts.add(broker.name())).isTrue();
    requests.send("outer");

    assertThat(replies).receivesMessageWithText("echo outer");
  }

  @Nested
  class Inner {
    @Test
    void andInANestedClassOnAHostOfItsOwn(
        TestBroker broker,
        @Queue("requests") MessageSender requests,
        @Queue("replies") MessageReceiver replies) {
      assertThat(hosts.add(broker.name())).isTrue();
      requests.send("inner");

      assertThat(replies).receivesMessageWithText("echo inner");
      assertThat(replies).untilSettled().receivesExactly(1);
    }
  }
}
