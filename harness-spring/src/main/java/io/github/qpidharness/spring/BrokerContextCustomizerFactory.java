package io.github.qpidharness.spring;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Found through {@code META-INF/spring.factories}: gives the contexts of {@link WithQpidBroker}
 * test classes a {@link BrokerContextCustomizer}, and no other context anything.
 */
final class BrokerContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    return TestContextAnnotationUtils.hasAnnotation(testClass, WithQpidBroker.class)
        ? new BrokerContextCustomizer()
        : null;
  }
}
