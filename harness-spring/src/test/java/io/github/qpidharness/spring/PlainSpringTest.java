package io.github.qpidharness.spring;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Queue;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Plain Spring, no Boot: a {@code @JmsListener} and a listener container bean follow each host. */
@SpringJUnitConfig(PlainSpringTest.Config.class)
@WithQpidBroker(queues = {"requests", "audit"})
class PlainSpringTest {

  @Configuration
  @Import(EchoListenerConfig.class)
  static class Config {
    @Bean
    JmsTemplate jmsTemplate(ConnectionFactory factory) {
      return new JmsTemplate(factory);
    }

    /** Not a @JmsListener: a container bean of the application's own. */
    @Bean
    DefaultMessageListenerContainer auditContainer(ConnectionFactory factory, JmsTemplate jms) {
      DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
      container.setConnectionFactory(factory);
      container.setDestinationName("audit");
      container.setMessageListener(
          (jakarta.jms.MessageListener)
              message -> {
                try {
                  jms.convertAndSend("audited", "audited " + ((TextMessage) message).getText());
                } catch (jakarta.jms.JMSException e) {
                  throw new IllegalStateException(e);
                }
              });
      return container;
    }
  }

  @Autowired TestHostConnectionFactory connectionFactory;

  @RepeatedTest(3)
  void theJmsListenerAnswersOnThisTestsHost(
      TestBroker broker,
      @Queue("requests") MessageSender requests,
      @Queue("replies") MessageReceiver replies) {
    assertThat(connectionFactory.currentHost()).containsSame(broker);
    assertThat(broker.queueStats("requests").totalEnqueued()).isZero();

    requests.send("hello");

    assertThat(replies).receivesMessageWithText("echo hello");
    assertThat(replies).receivesExactly(1);
  }

  @RepeatedTest(3)
  void aListenerContainerBeanFollowsTheHostToo(
      @Queue("audit") MessageSender audit, @Queue("audited") MessageReceiver audited) {
    audit.send("entry");

    assertThat(audited).receivesMessageWithText("audited entry");
  }

  @Test
  void theHarnessFactoryIsTheContextsPrimaryConnectionFactory(
      @Autowired ConnectionFactory primary, @Autowired JmsTemplate jmsTemplate) {
    assertThat(primary).isSameAs(connectionFactory);
    assertThat(jmsTemplate.getConnectionFactory()).isSameAs(connectionFactory);
  }
}
