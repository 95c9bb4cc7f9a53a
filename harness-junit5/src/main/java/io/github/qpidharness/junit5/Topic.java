package io.github.qpidharness.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the topic a {@code MessageSender} or {@code MessageReceiver} parameter or instance field
 * works on; the topic is declared on the test's host if it does not exist yet.
 *
 * <p>A field is set before each test, to a fixture on that test's host. A static field would be
 * shared by all tests of the class, so it is allowed only with {@code @WithBroker(isolation =
 * PER_CLASS)}, where it is set once, before {@code @BeforeAll}, on the host the tests share.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface Topic {

  /** The topic's name, e.g. {@code "events"}. */
  String value();

  /**
   * A JMS message selector for a receiver, e.g. {@code "type = 'refund'"}; empty (the default)
   * receives every message. Not allowed on a sender.
   */
  String selector() default "";
}
