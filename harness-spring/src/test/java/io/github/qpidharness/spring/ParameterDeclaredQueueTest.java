package io.github.qpidharness.spring;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.junit5.Queue;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.annotation.EnableJms;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Queues that only the test's {@code @Queue} parameters name, one with dead-letter settings, exist
 * with those settings before the context's listeners start on them; nothing in
 * {@code @WithQpidBroker} or a {@code HostSetup} bean declares them.
 */
@SpringJUnitConfig(ParameterDeclaredQueueTest.Config.class)
@WithQpidBroker
class ParameterDeclaredQueueTest {

  @Configuration
  @EnableJms
  static class Config {
    @Bean
    DefaultJmsListenerContainerFactory jmsListenerContainerFactory(ConnectionFactory factory) {
      DefaultJmsListenerContainerFactory containers = ListenerTestConfig.containerFactory(factory);
      containers.setSessionTransacted(true);
      // The refused payment is the point of the test: no warning in the build log for it.
      containers.setErrorHandler(refused -> {});
      return containers;
    }

    @Bean
    Payments payments(ConnectionFactory factory) {
      return new Payments(new JmsTemplate(factory));
    }
  }

  /** Books a payment, and refuses (throws on) one that is not a number. */
  static class Payments {
    private final JmsTemplate jms;

    Payments(JmsTemplate jms) {
      this.jms = jms;
    }

    @JmsListener(destination = "payments")
    void onPayment(String amount) {
      jms.convertAndSend("booked", "booked " + Integer.parseInt(amount));
    }
  }

  @Test
  void aPaymentTheListenerRefusesEndsOnTheDeadLetterQueueTheParameterNames(
      @Queue(value = "payments", maximumDeliveryAttempts = 2, deadLetterQueue = "payments.dlq")
          MessageSender payments,
      @Queue("payments.dlq") MessageReceiver deadLetters,
      @Queue("booked") MessageReceiver booked) {
    payments.send("not a number");
    payments.send("12");

    assertThat(booked).receivesMessageWithText("booked 12");
    assertThat(deadLetters).receivesMessageWithText("not a number");
    assertThat(booked).untilSettled().receivesExactly(1);
  }
}
