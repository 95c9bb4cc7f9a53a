package io.github.qpidharness.spring;

import io.github.qpidharness.HarnessTimeouts;
import io.github.qpidharness.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.jms.config.AbstractJmsListenerContainerFactory;
import org.springframework.jms.config.JmsListenerEndpointRegistry;
import org.springframework.jms.listener.AbstractJmsListeningContainer;
import org.springframework.jms.listener.AbstractMessageListenerContainer;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.MessageListenerContainer;

/**
 * Keeps a {@link WithQpidBroker} context's JMS listener containers from starting with the context
 * (no test host exists yet, and a failed connection would put them into a seconds-long reconnect
 * back-off), then starts them on each test's host and shuts them down after the test.
 *
 * <p>Shut down, not stopped: a stopped container keeps its connection and consumers, which stay on
 * the previous test's host; {@code shutdown()} closes them, and {@code initialize()} plus {@code
 * start()} connects anew through the {@link TestHostConnectionFactory}.
 */
final class ListenerContainers implements BeanPostProcessor, ApplicationContextAware {
  static final Duration ATTACH_TIMEOUT = HarnessTimeouts.scaled(Duration.ofSeconds(10));

  /** Container beans that would have started with the context, so they start with each test. */
  private final Set<AbstractMessageListenerContainer> heldBack = ConcurrentHashMap.newKeySet();

  private ApplicationContext context;

  @Override
  public void setApplicationContext(ApplicationContext applicationContext) {
    this.context = applicationContext;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
    if (bean instanceof AbstractJmsListenerContainerFactory<?> factory) {
      // Boot's factory bean applies spring.jms.listener.auto-startup in its @Bean method: after it.
      factory.setAutoStartup(false);
    } else if (bean instanceof AbstractMessageListenerContainer container
        && container.isAutoStartup()) {
      container.setAutoStartup(false);
      heldBack.add(container);
    }
    return bean;
  }

  /** Every container of the context: the {@code @JmsListener} ones and the held-back beans. */
  List<MessageListenerContainer> containers() {
    List<MessageListenerContainer> all = new ArrayList<>(heldBack);
    for (JmsListenerEndpointRegistry registry :
        context.getBeansOfType(JmsListenerEndpointRegistry.class, false, false).values()) {
      all.addAll(registry.getListenerContainers());
    }
    return all;
  }

  /**
   * Fails at once, naming them, if containers listen on destinations the host lacks: started, they
   * would fail to attach and retry until {@link #ATTACH_TIMEOUT}. Names the harness cannot check
   * ({@code amq.*} exchanges, {@code exchange/key} addresses, containers with a {@code Destination}
   * object instead of a name or a destination resolver of their own) are left to the attach wait.
   *
   * @throws IllegalStateException if a destination is missing
   */
  static void requireDestinations(List<MessageListenerContainer> containers, TestBroker host) {
    Set<String> existing = new HashSet<>(host.queueNames());
    existing.addAll(host.topicNames());
    Set<String> missing = new TreeSet<>();
    for (MessageListenerContainer container : containers) {
      if (container instanceof AbstractMessageListenerContainer listener
          && listener.getDestinationName() != null
          && NAME_RESOLVERS.contains(listener.getDestinationResolver().getClass().getName())) {
        String name = listener.getDestinationName();
        if (!name.startsWith("amq.") && name.indexOf('/') < 0 && !existing.contains(name)) {
          missing.add((listener.isPubSubDomain() ? "topic \"" : "queue \"") + name + "\"");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The context's JMS listeners consume from "
              + String.join(", ", missing)
              + ", which the test's host does not have. "
              + DECLARE_ADVICE);
    }
  }

  /**
   * Spring's default destination resolvers, which take a destination name as it is: {@code
   * DynamicDestinationResolver} (Spring 6) and {@code SimpleDestinationResolver} (Spring 7, which
   * caches what it resolved). Named, since the second one does not exist in Spring 6.
   */
  private static final Set<String> NAME_RESOLVERS =
      Set.of(
          "org.springframework.jms.support.destination.DynamicDestinationResolver",
          "org.springframework.jms.support.destination.SimpleDestinationResolver");

  private static final String DECLARE_ADVICE =
      "The listeners start before the test method runs: declare their destinations in"
          + " @WithQpidBroker(queues = ..., topics = ...), in a @Queue/@Topic parameter or field of"
          + " the test, or in a HostSetup bean (for dead-letter queues and other options).";

  /**
   * Starts every container through the connection factory's current route, and waits until each one
   * that keeps a consumer has it on its destination: a message the test sends at once then finds
   * its listener, even on a topic.
   *
   * @throws IllegalStateException if a container does not attach within {@link #ATTACH_TIMEOUT}
   */
  static void startAll(List<MessageListenerContainer> containers, ConsumerSignal attached) {
    for (MessageListenerContainer container : containers) {
      if (container instanceof AbstractJmsListeningContainer jms && !jms.isActive()) {
        jms.initialize();
      }
      container.start();
    }
    long deadline = System.nanoTime() + ATTACH_TIMEOUT.toNanos();
    for (MessageListenerContainer container : containers) {
      if (container instanceof DefaultMessageListenerContainer dmlc
          && dmlc.getCacheLevel() >= DefaultMessageListenerContainer.CACHE_CONSUMER) {
        if (!attached.await(dmlc::isRegisteredWithDestination, deadline)) {
          throw new IllegalStateException(
              "The JMS listener container for destination \""
                  + dmlc.getDestinationName()
                  + "\" did not attach to the test's host within "
                  + ATTACH_TIMEOUT.toMillis()
                  + " ms. "
                  + DECLARE_ADVICE);
        }
      }
    }
  }

  /** Stops every container, so that no invoker begins another receive. */
  static void stopAll(List<MessageListenerContainer> containers) {
    containers.forEach(MessageListenerContainer::stop);
  }

  /**
   * Shuts every container down, closing its connection; the first failure is thrown once all had
   * their turn.
   */
  static void shutdownAll(List<MessageListenerContainer> containers) {
    RuntimeException failure = null;
    for (MessageListenerContainer container : containers) {
      try {
        if (container instanceof AbstractJmsListeningContainer jms) {
          jms.shutdown();
        } else {
          container.stop();
        }
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
