package io.github.qpidharness.junit5;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Keeps the tests that share one host from running at the same time: a class with {@code isolation
 * = PER_CLASS} takes a lock of its own, so under JUnit's concurrent execution its tests (and its
 * {@code @Nested} classes' tests) run one after another, while other classes still run in parallel.
 * Per-method isolation takes no lock.
 */
final class HostLocks implements ResourceLocksProvider {
  /** The lock's key prefix; the class name follows. */
  static final String KEY_PREFIX = "io.github.qpidharness.junit5.host:";

  @Override
  public Set<Lock> provideForClass(Class<?> testClass) {
    return sharesOneHost(testClass) ? Set.of(new Lock(KEY_PREFIX + testClass.getName())) : Set.of();
  }

  @Override
  public Set<Lock> provideForNestedClass(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
    // An enclosing per-class host is covered by the enclosing class's lock already.
    return provideForClass(testClass);
  }

  private static boolean sharesOneHost(Class<?> testClass) {
    return AnnotationSupport.findAnnotation(testClass, WithBroker.class)
        .map(annotation -> annotation.isolation() == Isolation.PER_CLASS)
        .orElse(false);
  }
}
