package io.github.qpidharness.junit5;

import java.lang.annotation.Annotation;
import java.util.Set;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * Recognises parameters that Spring's {@code SpringExtension} resolves ({@code @Autowired},
 * {@code @Qualifier}, {@code @Value}), by annotation name so that this module needs no Spring: an
 * {@code @Autowired ConnectionFactory} is the application's bean, and two resolvers claiming it
 * would fail the test.
 */
final class SpringParameters {
  private static final Set<String> SPRING_ANNOTATIONS =
      Set.of(
          "org.springframework.beans.factory.annotation.Autowired",
          "org.springframework.beans.factory.annotation.Qualifier",
          "org.springframework.beans.factory.annotation.Value");

  private SpringParameters() {}

  static boolean ownedBySpring(ParameterContext parameter) {
    for (Annotation annotation : parameter.getParameter().getAnnotations()) {
      if (SPRING_ANNOTATIONS.contains(annotation.annotationType().getName())) {
        return true;
      }
    }
    return false;
  }
}
