package io.github.qpidharness.examples.spring;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Isolation;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.ConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The recipe for an application that builds its own {@code ConnectionFactory} from a property: hand
 * it the URL of a host the class owns. Its limits: one host per class (the context is built once,
 * with one URL), so the class's tests share queues and messages; a context per class, closed with
 * {@code @DirtiesContext} before its host goes away.
 */
@SpringJUnitConfig(PropertyBasedConnectionFactoryTest.GreetingConfig.class)
@WithBroker(isolation = Isolation.PER_CLASS, queues = "greetings")
@DirtiesContext
class PropertyBasedConnectionFactoryTest {
  /** Set before the context starts, read when it starts: the recipe's one piece of state. */
  private static String brokerUrl;

  @BeforeAll
  static void takeTheClassHost(TestBroker broker) {
    brokerUrl = broker.url();
  }

  @DynamicPropertySource
  static void brokerProperties(DynamicPropertyRegistry registry) {
    registry.add("greetings.broker-url", () -> brokerUrl);
  }

  @Configuration
  static class GreetingConfig {
    @Bean
    ConnectionFactory connectionFactory(@Value("${greetings.broker-url}") String url) {
      return new JmsConnectionFactory(url);
    }

    @Bean
    JmsTemplate jmsTemplate(ConnectionFactory connectionFactory) {
      return new JmsTemplate(connectionFactory);
    }
  }

  @Autowired JmsTemplate jmsTemplate;

  @Test
  void theApplicationsOwnConnectionFactoryReachesTheClassHost(
      @Queue("greetings") MessageReceiver greetings) {
    jmsTemplate.convertAndSend("greetings", "hello");

    assertThat(greetings).receivesMessageWithText("hello");
  }
}
