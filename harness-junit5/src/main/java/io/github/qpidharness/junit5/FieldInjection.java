package io.github.qpidharness.junit5;

import io.github.qpidharness.junit5.Injectables.Injectable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Fills a test class's harness fields, so that none stays null unnoticed.
 *
 * <ul>
 *   <li>{@link Queue @Queue}/{@link Topic @Topic} fields get a fixture on the test's host;
 *   <li>fields of an {@linkplain Injectables injectable type} that are still null get one;
 *   <li>a {@code MessageSender}/{@code MessageReceiver} field without annotation that is still null
 *       when the test starts (after {@code @BeforeEach}) is an error, as is an annotated final
 *       field;
 *   <li>a static field would be shared by all of the class's tests, so only a class with {@code
 *       isolation = PER_CLASS} may have one (on the shared host); otherwise it is an error.
 * </ul>
 *
 * A field the test set itself (non-null, or final) without an annotation is left alone; one this
 * class filled for an earlier test of the same instance ({@code @TestInstance(PER_CLASS)}) is
 * filled again, so that it never holds an earlier test's host.
 */
final class FieldInjection {
  private FieldInjection() {}

  /** Fills the fields of the test instance and its enclosing instances, on the test's host. */
  static void injectInstances(ExtensionContext context, Supplier<HostScope> scope) {
    // Kept by the class, whose instance may serve several tests (@TestInstance(PER_CLASS)).
    @SuppressWarnings("unchecked")
    Set<Field> filled =
        context
            .getParent()
            .orElse(context)
            .getStore(BrokerExtension.NAMESPACE)
            .getOrComputeIfAbsent(
                FieldInjection.class, key -> ConcurrentHashMap.newKeySet(), Set.class);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Field field : harnessFields(instance.getClass(), false)) {
        inject(field, instance, scope, filled);
      }
    }
  }

  /** Fails if a fixture-typed field without annotation is still null as the test starts. */
  static void requireFixturesSet(ExtensionContext context) {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      requireFixturesSet(instance);
    }
  }

  private static void requireFixturesSet(Object instance) {
    for (Field field : harnessFields(instance.getClass(), false)) {
      if (!annotated(field)
          && Injectables.find(field.getType()).isEmpty()
          && read(field, instance) == null) {
        throw new ExtensionConfigurationException(
            DestinationParameter.describe(field)
                + " is still null as the test starts: annotate it with @Queue(\"name\") or"
                + " @Topic(\"name\") for a fixture on the test's host, or set it in the constructor or"
                + " in @BeforeEach.");
      }
    }
  }

  static void injectStatic(Class<?> testClass, Supplier<HostScope> scope, boolean sharedHost) {
    for (Field field : harnessFields(testClass, true)) {
      if (!sharedHost && wouldInject(field, null)) {
        throw new ExtensionConfigurationException(
            DestinationParameter.describe(field)
                + " is static, so all tests of "
                + field.getDeclaringClass().getSimpleName()
                + " would share it, but each test gets its own host (per-method isolation): make"
                + " it an instance field, or use @WithBroker(isolation = PER_CLASS) to share one"
                + " host among the class's tests.");
      }
      inject(field, null, scope, Set.of());
    }
  }

  private static List<Field> harnessFields(Class<?> type, boolean statics) {
    return ReflectionSupport.findFields(
        type,
        f -> Modifier.isStatic(f.getModifiers()) == statics && isHarnessField(f),
        HierarchyTraversalMode.TOP_DOWN);
  }

  private static boolean isHarnessField(Field field) {
    return annotated(field)
        || Injectables.find(field.getType()).isPresent()
        || Fixtures.supports(field.getType());
  }

  private static boolean annotated(Field field) {
    return AnnotationSupport.isAnnotated(field, Queue.class)
        || AnnotationSupport.isAnnotated(field, Topic.class);
  }

  /** Whether {@link #inject} would set (or reject) the field, rather than leave it alone. */
  private static boolean wouldInject(Field field, Object instance) {
    return annotated(field)
        || (Injectables.find(field.getType()).isPresent()
            && !Modifier.isFinal(field.getModifiers())
            && read(field, instance) == null);
  }

  private static void inject(
      Field field, Object instance, Supplier<HostScope> scope, Set<Field> filled) {
    String description = DestinationParameter.describe(field);
    boolean isFinal = Modifier.isFinal(field.getModifiers());
    if (annotated(field)) {
      if (isFinal) {
        throw new ExtensionConfigurationException(
            description + " is final: remove final so that @WithBroker can set it.");
      }
      DestinationParameter destination;
      try {
        destination = DestinationParameter.of(field);
        HostScope s = scope.get();
        write(field, instance, s.register(Fixtures.create(s.host(), destination, field.getType())));
      } catch (ParameterResolutionException e) {
        throw new ExtensionConfigurationException(e.getMessage(), e);
      }
      return;
    }
    if (isFinal || (read(field, instance) != null && !filled.contains(field))) {
      return;
    }
    Optional<Injectable> injectable = Injectables.find(field.getType());
    if (injectable.isEmpty()) {
      // A fixture the test sets itself, e.g. in @BeforeEach; requireFixturesSet checks it later.
      return;
    }
    write(field, instance, injectable.get().resolve().apply(scope.get()));
    if (instance != null) {
      filled.add(field);
    }
  }

  private static Object read(Field field, Object instance) {
    try {
      field.setAccessible(true);
      return field.get(instance);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          DestinationParameter.describe(field) + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static void write(Field field, Object instance, Object value) {
    try {
      field.setAccessible(true);
      field.set(instance, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          DestinationParameter.describe(field) + " cannot be set: " + e.getMessage(), e);
    }
  }
}
