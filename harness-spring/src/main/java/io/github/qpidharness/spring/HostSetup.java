package io.github.qpidharness.spring;

import io.github.qpidharness.TestBroker;

/**
 * A bean that prepares each test's host before the context's JMS listeners start on it, for what
 * {@link WithQpidBroker#queues()} cannot say (dead-letter queues, priorities). Several run in their
 * {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * HostSetup ordersWithDeadLetters() {
 *   return host -> host.declareQueue("orders",
 *       QueueOptions.standard().withMaximumDeliveryAttempts(3).withDeadLetterQueue("orders.dlq"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HostSetup {

  /** Declares what the application expects on a fresh {@code host}. */
  void prepare(TestBroker host);
}
