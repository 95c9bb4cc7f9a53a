package io.github.qpidharness.junit5;

import io.github.qpidharness.TestBroker;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Creates the message senders and receivers that {@link Queue @Queue} and {@link Topic @Topic}
 * parameters ask for.
 */
final class Fixtures {
  private Fixtures() {}

  /** True for the fixture types that can be injected without an annotation check first. */
  static boolean supports(Class<?> type) {
    return false;
  }

  /**
   * A new fixture for the parameter, on the test's host.
   *
   * @throws ParameterResolutionException if the parameter's type is not a fixture type
   */
  static AutoCloseable create(
      TestBroker host, DestinationParameter destination, ParameterContext parameter) {
    throw new ParameterResolutionException(
        destination.description()
            + " has @"
            + destination.annotationName()
            + " but its type is not supported: use MessageSender or MessageReceiver"
            + " (TestBroker and ConnectionFactory parameters need no annotation).");
  }
}
