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
}
