package io.github.qpidharness.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the queue a {@code MessageSender} or {@code MessageReceiver} parameter or instance field
 * works on; the queue is declared on the test's host if it does not exist yet, with the options
 * given here.
 *
 * <pre>{@code
 * @Queue(value = "orders", maximumDeliveryAttempts = 3, deadLetterQueue = "orders.dlq")
 * MessageReceiver orders;
 * }</pre>
 *
 * <p>A field is set before each test, to a fixture on that test's host. A static field would be
 * shared by all tests of the class, so it is allowed only with {@code @WithBroker(isolation =
 * PER_CLASS)}, where it is set once, before {@code @BeforeAll}, on the host the tests share.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface Queue {

  /** The queue's name, e.g. {@code "orders"}. */
  String value();

  /**
   * A JMS message selector for a receiver, e.g. {@code "type = 'refund'"}; empty (the default)
   * receives every message. Not allowed on a sender.
   */
  String selector() default "";

  /**
   * Priority levels for a priority queue (higher JMS priorities delivered first; 10 for the JMS
   * priorities 0 to 9); 0 (the default) declares a first-in, first-out queue.
   */
  int priorities() default 0;

  /**
   * After this many failed deliveries (rollbacks or recoveries) a message goes to the {@link
   * #deadLetterQueue()}, or is discarded if there is none; 0 (the default) retries forever.
   */
  int maximumDeliveryAttempts() default 0;

  /**
   * Where messages go once they exceed {@link #maximumDeliveryAttempts()}; declared as a standard
   * queue if it does not exist. Empty (the default) for none.
   */
  String deadLetterQueue() default "";
}
