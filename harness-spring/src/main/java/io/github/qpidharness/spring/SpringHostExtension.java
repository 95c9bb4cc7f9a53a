package io.github.qpidharness.spring;

import io.github.qpidharness.HarnessTimeouts;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.CurrentHost;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.context.ApplicationContext;
import org.springframework.jms.listener.MessageListenerContainer;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The JUnit side of {@link WithQpidBroker}: before each test, prepares the host that {@code
 * WithBroker}'s extension gives the test (the one its parameters use), routes the context's {@link
 * TestHostConnectionFactory} to it and starts the listener containers; after the test, shuts them
 * down and unroutes, before the host closes with the test's extension context.
 *
 * <p>A JUnit extension rather than a Spring {@code TestExecutionListener}: only JUnit knows the
 * test's host, and {@link SpringExtension#getApplicationContext} gives it the cached context.
 */
final class SpringHostExtension implements BeforeEachCallback, AfterEachCallback {
  private static final Namespace NAMESPACE = Namespace.create(SpringHostExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    requireSpringExtension(testClass);
    ApplicationContext application = SpringExtension.getApplicationContext(context);
    TestHostConnectionFactory factory = application.getBean(TestHostConnectionFactory.class);
    ListenerContainers listeners = application.getBean(ListenerContainers.class);
    TestBroker host = CurrentHost.of(context);
    declare(host, testClass);
    application.getBeanProvider(HostSetup.class).orderedStream().forEach(s -> s.prepare(host));
    CurrentHost.declareInjectedDestinations(context);
    List<MessageListenerContainer> containers = listeners.containers();
    ListenerContainers.requireDestinations(containers, host);
    factory.route(host);
    context.getStore(NAMESPACE).put(context.getUniqueId(), new Routed(factory, containers));
    ListenerContainers.startAll(containers, factory.consumerCreated());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Routed routed = context.getStore(NAMESPACE).remove(context.getUniqueId(), Routed.class);
    if (routed == null) {
      return;
    }
    routed.close();
  }

  private static void declare(TestBroker host, Class<?> testClass) {
    Optional<WithQpidBroker> annotation = nearest(testClass);
    if (annotation.isEmpty()) {
      return;
    }
    try {
      List.of(annotation.get().queues()).forEach(host::declareQueue);
      List.of(annotation.get().topics()).forEach(host::declareTopic);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "@WithQpidBroker on " + testClass.getName() + " cannot be set up: " + e.getMessage(), e);
    }
  }

  /** The annotation on the class, or on the nearest enclosing class of a {@code @Nested} one. */
  private static Optional<WithQpidBroker> nearest(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      Optional<WithQpidBroker> found = AnnotationSupport.findAnnotation(c, WithQpidBroker.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static void requireSpringExtension(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      boolean spring =
          AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class).stream()
              .anyMatch(e -> List.of(e.value()).contains(SpringExtension.class));
      if (spring) {
        return;
      }
    }
    throw new ExtensionConfigurationException(
        "@WithQpidBroker on "
            + testClass.getName()
            + " needs a Spring test context: add @SpringBootTest, @SpringJUnitConfig or"
            + " @ExtendWith(SpringExtension.class) to the class.");
  }

  /** What afterEach undoes: the route and the containers started for the test. */
  private record Routed(
      TestHostConnectionFactory factory, List<MessageListenerContainer> containers)
      implements AutoCloseable {
    /**
     * Closes the containers' consumers first (no message reaches a listener after that, prefetched
     * ones go back to their queues, and receives in progress end instead of holding the shutdown
     * for up to the receive timeout), lets a listener that has a message finish it, stops and shuts
     * the containers down, and only then closes the test's connections. Stopping first would let a
     * receive that returns a message just after the stop hand it to a container that rejects it
     * (and with automatic acknowledgement loses it). If a consumer close is still waiting for the
     * broker after the client's close timeout, the connections close first, which ends that wait,
     * so that a test's end never hangs. Also run by JUnit if the store closes before afterEach did.
     */
    @Override
    public void close() {
      try {
        boolean closed = factory.closeConsumers(HarnessTimeouts.clientCloseTimeout());
        if (closed) {
          factory.awaitListenersIdle(HarnessTimeouts.clientCloseTimeout());
        } else {
          factory.unroute();
        }
        ListenerContainers.stopAll(containers);
        factory.containersStopped();
        ListenerContainers.shutdownAll(containers);
      } finally {
        factory.unroute();
      }
    }
  }
}
