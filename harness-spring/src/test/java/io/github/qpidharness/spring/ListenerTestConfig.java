package io.github.qpidharness.spring;

import jakarta.jms.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.annotation.EnableJms;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;

/**
 * Plain Spring's JMS listener set-up for the tests' contexts ({@code @Import} it):
 * {@code @JmsListener} on, and the default container factory over the context's connection factory,
 * with Spring's defaults (not transacted, automatic acknowledgement).
 */
@Configuration
@EnableJms
public class ListenerTestConfig {

  /** A container factory over {@code factory} with Spring's defaults, to adjust. */
  public static DefaultJmsListenerContainerFactory containerFactory(ConnectionFactory factory) {
    DefaultJmsListenerContainerFactory containers = new DefaultJmsListenerContainerFactory();
    containers.setConnectionFactory(factory);
    return containers;
  }

  @Bean
  DefaultJmsListenerContainerFactory jmsListenerContainerFactory(ConnectionFactory factory) {
    return containerFactory(factory);
  }
}
