package io.github.qpidharness.spring;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registers the {@link TestHostConnectionFactory} (primary, so that Spring Boot's {@code
 * ConditionalOnMissingBean(ConnectionFactory.class)} auto-configurations back off) and the {@link
 * ListenerContainers} post-processor. Every instance is equal to every other: all {@link
 * WithQpidBroker} classes with the same configuration share one cached context, whatever queues
 * they declare.
 */
final class BrokerContextCustomizer implements ContextCustomizer {
  static final String CONNECTION_FACTORY_BEAN = "qpidHarnessConnectionFactory";
  static final String LISTENER_CONTAINERS_BEAN = "qpidHarnessListenerContainers";

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
    if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
      throw new IllegalStateException(
          "@WithQpidBroker needs an application context that accepts bean definitions; "
              + context.getClass().getName()
              + " does not.");
    }
    RootBeanDefinition factory = new RootBeanDefinition(TestHostConnectionFactory.class);
    factory.setPrimary(true);
    registry.registerBeanDefinition(CONNECTION_FACTORY_BEAN, factory);
    RootBeanDefinition containers = new RootBeanDefinition(ListenerContainers.class);
    containers.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
    registry.registerBeanDefinition(LISTENER_CONTAINERS_BEAN, containers);
  }

  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return BrokerContextCustomizer.class.hashCode();
  }
}
