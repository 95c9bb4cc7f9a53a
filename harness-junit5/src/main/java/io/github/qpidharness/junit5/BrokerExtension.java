package io.github.qpidharness.junit5;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.MessageBroker;
import io.github.qpidharness.TestBroker;
import jakarta.jms.ConnectionFactory;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.StoreScope;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link WithBroker}. State lives only in stores: the {@link SharedBroker} in
 * the launcher session's store, and per context a {@link HostScope} under the context's unique id
 * (a plain key would be found by child contexts through the store's parent lookup, and a test would
 * silently share its class's host).
 */
final class BrokerExtension
    implements ParameterResolver,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
  static final Namespace NAMESPACE = Namespace.create(BrokerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestBroker.class
        || type == ConnectionFactory.class
        || type == EmbeddedBroker.class
        || type == MessageBroker.class
        || parameter.isAnnotated(Queue.class)
        || parameter.isAnnotated(Topic.class)
        || Fixtures.supports(type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == EmbeddedBroker.class || type == MessageBroker.class) {
      return BrokerInjection.resolve(parameter, context);
    }
    if (type == TestBroker.class || type == ConnectionFactory.class) {
      TestBroker host = scope(context).host();
      return type == TestBroker.class ? host : host.connectionFactory();
    }
    DestinationParameter destination = DestinationParameter.of(parameter);
    HostScope scope = scope(context);
    return scope.register(Fixtures.create(scope.host(), destination, parameter));
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable error)
      throws Throwable {
    throw UndeclaredDestinations.explain(error);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable error)
      throws Throwable {
    throw UndeclaredDestinations.explain(error);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable error)
      throws Throwable {
    throw UndeclaredDestinations.explain(error);
  }

  /** This context's scope, opening it (and a host, if this context owns one) on first use. */
  private static HostScope scope(ExtensionContext context) {
    MessageBroker broker = DedicatedBroker.brokerFor(context);
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            context.getUniqueId(), id -> openScope(broker, context), HostScope.class);
  }

  private static HostScope openScope(MessageBroker broker, ExtensionContext context) {
    ExtensionContext owner = hostOwner(context);
    TestBroker host;
    HostScope scope;
    if (owner == context) {
      host = broker.isolatedHost();
      scope = HostScope.owning(host);
    } else {
      host = scope(owner).host();
      scope = HostScope.borrowing(host);
    }
    try {
      declare(host, context, owner == context ? null : owner);
      return scope;
    } catch (RuntimeException e) {
      if (owner == context) {
        host.close();
      }
      throw e;
    }
  }

  /**
   * The context whose lifetime the host shares: the nearest class-level {@link WithBroker} decides;
   * per class, it is that class's context, otherwise the asking context itself.
   */
  private static ExtensionContext hostOwner(ExtensionContext context) {
    for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
      Optional<AnnotatedElement> element = c.getElement();
      Optional<WithBroker> annotation = element.flatMap(BrokerExtension::withBroker);
      if (annotation.isEmpty()) {
        continue;
      }
      if (element.get() instanceof Method method) {
        if (annotation.get().isolation() == Isolation.PER_CLASS) {
          throw new ExtensionConfigurationException(
              "@WithBroker(isolation = PER_CLASS) on method "
                  + method.getDeclaringClass().getSimpleName()
                  + "."
                  + method.getName()
                  + " has no effect: put it on the test class to share a host among its tests.");
        }
        continue;
      }
      return annotation.get().isolation() == Isolation.PER_CLASS ? c : context;
    }
    return context;
  }

  /**
   * Declares what every {@link WithBroker} on the context and its ancestors names, up to {@code
   * owner} (exclusive), which declared the rest on the shared host already.
   */
  private static void declare(TestBroker host, ExtensionContext context, ExtensionContext owner) {
    Set<String> queues = new LinkedHashSet<>();
    Set<String> topics = new LinkedHashSet<>();
    for (ExtensionContext c = context;
        c != owner && c.getParent().isPresent();
        c = c.getParent().get()) {
      c.getElement()
          .flatMap(BrokerExtension::withBroker)
          .ifPresent(
              annotation -> {
                queues.addAll(Set.of(annotation.queues()));
                topics.addAll(Set.of(annotation.topics()));
              });
    }
    try {
      queues.forEach(host::declareQueue);
      topics.forEach(host::declareTopic);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "@WithBroker on " + context.getDisplayName() + " cannot be set up: " + e.getMessage(), e);
    }
  }

  private static Optional<WithBroker> withBroker(AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, WithBroker.class);
  }

  /**
   * The launcher session's broker: {@link EagerBrokerStart} may have started it in the background
   * while JUnit discovered the tests; otherwise it starts now.
   */
  static SharedBroker sharedBroker(ExtensionContext context) {
    return context
        .getStore(StoreScope.LAUNCHER_SESSION, NAMESPACE)
        .getOrComputeIfAbsent(
            SharedBroker.class,
            key -> SharedBroker.fromConfiguration(context::getConfigurationParameter),
            SharedBroker.class);
  }
}
