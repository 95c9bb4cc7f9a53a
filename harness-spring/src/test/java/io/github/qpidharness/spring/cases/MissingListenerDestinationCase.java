package io.github.qpidharness.spring.cases;

import io.github.qpidharness.spring.ListenerTestConfig;
import io.github.qpidharness.spring.WithQpidBroker;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Listeners on a queue and a topic that nothing declares: run by SpringHostExtensionTest through
 * EngineTestKit.
 */
@SpringJUnitConfig(MissingListenerDestinationCase.Config.class)
@WithQpidBroker(queues = "declared")
public class MissingListenerDestinationCase {

  @Configuration
  @Import(ListenerTestConfig.class)
  static class Config {
    @Bean
    DefaultJmsListenerContainerFactory topicContainerFactory(ConnectionFactory factory) {
      DefaultJmsListenerContainerFactory containers = ListenerTestConfig.containerFactory(factory);
      containers.setPubSubDomain(true);
      return containers;
    }

    @Bean
    Listeners listeners() {
      return new Listeners();
    }
  }

  static class Listeners {
    @JmsListener(destination = "declared")
    void onDeclared(String text) {}

    @JmsListener(destination = "nowhere")
    void onNowhere(String text) {}

    @JmsListener(destination = "no-news", containerFactory = "topicContainerFactory")
    void onNoNews(String text) {}
  }

  @Test
  void test() {}
}
