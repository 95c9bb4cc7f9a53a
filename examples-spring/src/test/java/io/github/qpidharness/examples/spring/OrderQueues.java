package io.github.qpidharness.examples.spring;

import io.github.qpidharness.QueueOptions;
import io.github.qpidharness.spring.HostSetup;
import org.springframework.stereotype.Component;

/**
 * What the order service expects on its broker, declared on every test's host before the listener
 * starts: the orders queue, which dead-letters an order after three failed deliveries, and the
 * events topic.
 */
@Component
class OrderQueues implements HostSetup {
  static final String DEAD_LETTERS = "orders.dlq";
  static final int DELIVERY_ATTEMPTS = 3;

  @Override
  public void prepare(io.github.qpidharness.TestBroker host) {
    host.declareQueue(
        OrderApplication.ORDERS,
        QueueOptions.standard()
            .withMaximumDeliveryAttempts(DELIVERY_ATTEMPTS)
            .withDeadLetterQueue(DEAD_LETTERS));
    host.declareTopic(OrderApplication.ORDER_EVENTS);
  }
}
