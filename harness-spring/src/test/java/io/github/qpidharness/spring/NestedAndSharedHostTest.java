package io.github.qpidharness.spring;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Isolation;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.ConnectionFactory;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The listener follows the host in a {@code @Nested} class too, and under {@code
 * Isolation.PER_CLASS} the class's tests share one host whose queues keep what earlier tests left.
 */
class NestedAndSharedHostTest {

  @Configuration
  @Import(ListenerTestConfig.class)
  static class Config {
    @Bean
    Echo echo(ConnectionFactory factory) {
      return new Echo(new JmsTemplate(factory));
    }
  }

  static class Echo {
    private final JmsTemplate jms;

    Echo(JmsTemplate jms) {
      this.jms = jms;
    }

    @JmsListener(destination = "requests")
    void onRequest(String text) {
      jms.convertAndSend("replies", "echo " + text);
    }
  }

  @SpringJUnitConfig(Config.class)
  @WithQpidBroker(queues = "requests")
  static class Outer {
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

  @SpringJUnitConfig(Config.class)
  @WithQpidBroker(queues = {"requests", "replies"})
  @WithBroker(isolation = Isolation.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class SharedHost {

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
}
