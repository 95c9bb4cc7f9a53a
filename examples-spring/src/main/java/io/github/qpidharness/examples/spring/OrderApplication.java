package io.github.qpidharness.examples.spring;

import jakarta.jms.ConnectionFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jms.core.JmsTemplate;

/**
 * An order service: {@link OrderListener} takes orders from the queue {@value #ORDERS} and
 * publishes an event for each on the topic {@value #ORDER_EVENTS}. Its {@code ConnectionFactory}
 * comes from Spring Boot's auto-configuration in production and from qpid-harness in its tests.
 */
@SpringBootApplication
public class OrderApplication {
  /** The queue orders arrive on. */
  public static final String ORDERS = "orders";

  /** The topic order events are published on. */
  public static final String ORDER_EVENTS = "order-events";

  /** Publishes on topics; Boot's own JmsTemplate (queues) backs off for it. */
  @Bean
  JmsTemplate eventTemplate(ConnectionFactory connectionFactory) {
    JmsTemplate template = new JmsTemplate(connectionFactory);
    template.setPubSubDomain(true);
    return template;
  }

  public static void main(String[] args) {
    SpringApplication.run(OrderApplication.class, args);
  }
}
