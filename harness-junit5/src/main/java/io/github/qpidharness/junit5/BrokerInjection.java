package io.github.qpidharness.junit5;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Resolves {@code EmbeddedBroker} and {@code MessageBroker} parameters: dedicated brokers only. */
final class BrokerInjection {
  private BrokerInjection() {}

  static Object resolve(ParameterContext parameter, ExtensionContext context) {
    if (!DedicatedBroker.isDedicated(context)) {
      throw new ParameterResolutionException(
          "The "
              + parameter.getParameter().getType().getSimpleName()
              + " parameter of "
              + parameter.getDeclaringExecutable().getName()
              + " asks for the session's shared broker, which other classes' tests use at the"
              + " same time: it cannot be injected, restarted or closed. Give the class a broker"
              + " of its own with @WithBroker(dedicated = true) (or store = Store.DERBY).");
    }
    return DedicatedBroker.brokerFor(context);
  }
}
