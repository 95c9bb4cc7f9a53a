package io.github.qpidharness.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the queue a {@code MessageSender} or {@code MessageReceiver} parameter works on; the queue
 * is declared on the test's host if it does not exist yet.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Queue {

  /** The queue's name, e.g. {@code "orders"}. */
  String value();

  /**
   * A JMS message selector for a receiver, e.g. {@code "type = 'refund'"}; empty (the default)
   * receives every message. Not allowed on a sender.
   */
  String selector() default "";
}
