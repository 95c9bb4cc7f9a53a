package io.github.qpidharness.junit5;

import io.github.qpidharness.TestBroker;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A hook for integrations (such as qpid-harness-spring) that need the host {@link WithBroker} gives
 * the current test, the same one its parameters are resolved on.
 */
public final class CurrentHost {
  private CurrentHost() {}

  /**
   * The host of the test (or, under {@link Isolation#PER_CLASS}, the class) that {@code context}
   * belongs to, opened now if no parameter asked for it yet; it closes when that context ends.
   *
   * @throws IllegalStateException if {@code context} is not a test method's context
   */
  public static TestBroker of(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new IllegalStateException(
          "CurrentHost.of needs a test method's context, not "
              + context.getUniqueId()
              + ": call it from a BeforeEachCallback or later.");
    }
    return BrokerExtension.scope(context).host();
  }

  /**
   * Declares on {@link #of the test's host} the destinations that the test method's {@link
   * Queue @Queue}/{@link Topic @Topic} parameters and the test class's annotated fields name,
   * queues with the options their annotation gives, ahead of their resolution: for integrations
   * whose consumers start before the test method runs (Spring's listener containers), so that a
   * listener on a queue that only a parameter names finds it, with its dead-letter settings.
   * Destinations that exist already are left as they are; an annotation that cannot be declared is
   * left to the resolution of its parameter or field, which explains it.
   *
   * @throws IllegalStateException if {@code context} is not a test method's context
   */
  public static void declareInjectedDestinations(ExtensionContext context) {
    TestBroker host = of(context);
    Fixtures.declareInjected(host, context.getRequiredTestMethod(), context.getRequiredTestClass());
  }
}
