package io.github.qpidharness.junit5;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.Store;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The broker of a class that asked for one of its own ({@link WithBroker#dedicated()} or a {@link
 * WithBroker#store()} other than memory): started when the class's first test needs it, kept in
 * that class's store and closed with it, after the hosts of its tests.
 */
final class DedicatedBroker implements AutoCloseable {
  private final EmbeddedBroker broker;

  private DedicatedBroker(EmbeddedBroker broker) {
    this.broker = broker;
  }

  EmbeddedBroker broker() {
    return broker;
  }

  /** The broker that serves {@code context}: its class's dedicated one, else the session's. */
  static EmbeddedBroker brokerFor(ExtensionContext context) {
    Optional<ExtensionContext> owner = owner(context);
    if (owner.isEmpty()) {
      return BrokerExtension.sharedBroker(context).get();
    }
    WithBroker annotation = withBroker(owner.get()).orElseThrow();
    return owner
        .get()
        .getStore(BrokerExtension.NAMESPACE)
        .getOrComputeIfAbsent(
            DedicatedBroker.class.getName() + "@" + owner.get().getUniqueId(),
            key -> start(annotation),
            DedicatedBroker.class)
        .broker();
  }

  /** True if {@code context} runs on a dedicated broker. */
  static boolean isDedicated(ExtensionContext context) {
    return owner(context).isPresent();
  }

  /**
   * The nearest class context whose {@link WithBroker} asks for a dedicated broker, failing if a
   * method-level one asks (a broker per method is what {@code createHost} is for).
   */
  private static Optional<ExtensionContext> owner(ExtensionContext context) {
    for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
      Optional<WithBroker> annotation = withBroker(c);
      if (annotation.isEmpty() || !wantsOwnBroker(annotation.get())) {
        continue;
      }
      if (c.getElement().orElse(null) instanceof Method method) {
        throw new ExtensionConfigurationException(
            "@WithBroker(dedicated = true or store = "
                + annotation.get().store()
                + ") on method "
                + method.getDeclaringClass().getSimpleName()
                + "."
                + method.getName()
                + " has no effect: put it on the test class, whose tests then share a broker of"
                + " their own.");
      }
      return Optional.of(c);
    }
    return Optional.empty();
  }

  private static boolean wantsOwnBroker(WithBroker annotation) {
    return annotation.dedicated() || annotation.store() != Store.MEMORY;
  }

  private static Optional<WithBroker> withBroker(ExtensionContext context) {
    return context
        .getElement()
        .flatMap(element -> AnnotationSupport.findAnnotation(element, WithBroker.class));
  }

  private static DedicatedBroker start(WithBroker annotation) {
    return new DedicatedBroker(
        EmbeddedBroker.builder().store(annotation.store()).hostPoolSize(1).start());
  }

  @Override
  public void close() {
    broker.close();
  }
}
