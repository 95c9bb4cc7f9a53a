package io.github.qpidharness.junit5;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.MessageBroker;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Injectables.Injectable;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.StoreScope;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension.ExtensionContextScope;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link WithBroker}. State lives only in stores: the {@link SharedBroker} in
 * the launcher session's store, and per context a {@link HostScope} under the context's unique id
 * (a plain key would be found by child contexts through the store's parent lookup, and a test would
 * silently share its class's host).
 *
 * <p>Constructors are resolved in the test method's context ({@link
 * ExtensionContextScope#TEST_METHOD}), so they get the test's host; a context outside any test
 * ({@code @BeforeAll}, {@code @AfterAll}, a per-class test instance) gets a host only if the class
 * shares one ({@link Isolation#PER_CLASS}).
 */
final class BrokerExtension
    implements ParameterResolver,
        BeforeAllCallback,
        BeforeEachCallback,
        BeforeTestExecutionCallback,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
  static final Namespace NAMESPACE = Namespace.create(BrokerExtension.class);

  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  /**
   * Injectable types, fixtures, and (to explain that they are not injected rather than leave
   * JUnit's "no resolver" message) any other harness or {@code jakarta.jms} type.
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    if (ownedByAnotherExtension(parameter)) {
      return false;
    }
    Class<?> type = parameter.getParameter().getType();
    return Injectables.find(type).isPresent()
        || type == EmbeddedBroker.class
        || type == MessageBroker.class
        || parameter.isAnnotated(Queue.class)
        || parameter.isAnnotated(Topic.class)
        || Fixtures.supports(type)
        || explainedInstead(type);
  }

  /**
   * A parameter carrying an annotation of another library ({@code @Autowired}, {@code @Mock},
   * {@code @Qualifier}, ...) is that library's to resolve: claiming it too would fail the test with
   * JUnit's "competing resolvers" error. Nullness annotations say nothing about who resolves it.
   */
  private static boolean ownedByAnotherExtension(ParameterContext parameter) {
    for (java.lang.annotation.Annotation annotation : parameter.getParameter().getAnnotations()) {
      Class<?> type = annotation.annotationType();
      boolean ours = type == Queue.class || type == Topic.class;
      boolean nullness = type.getSimpleName().toLowerCase(java.util.Locale.ROOT).contains("null");
      if (!ours && !nullness) {
        return true;
      }
    }
    return false;
  }

  /**
   * Harness handles and JMS types a test might expect here; not the assertion types, which
   * AssertJ's {@code SoftAssertionsExtension} injects ({@code HarnessSoftAssertions}).
   */
  private static boolean explainedInstead(Class<?> type) {
    String name = type.getSimpleName();
    boolean assertion =
        name.endsWith("Assert") || name.endsWith("Assertions") || name.endsWith("Provider");
    return type.getPackageName().equals("jakarta.jms")
        || (type.getPackageName().equals("io.github.qpidharness") && !assertion);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == EmbeddedBroker.class || type == MessageBroker.class) {
      return BrokerInjection.resolve(parameter, context);
    }
    Optional<Injectable> injectable = Injectables.find(type);
    String description = DestinationParameter.describe(parameter);
    if (injectable.isPresent()) {
      return injectable.get().resolve().apply(testScope(context, description));
    }
    boolean annotated = parameter.isAnnotated(Queue.class) || parameter.isAnnotated(Topic.class);
    if (!annotated && !Fixtures.supports(type)) {
      throw new ParameterResolutionException(
          description
              + " cannot be injected by @WithBroker, which injects:"
              + Injectables.listing());
    }
    DestinationParameter destination = DestinationParameter.of(parameter);
    HostScope scope = testScope(context, description);
    Fixtures.declareQueueOptions(scope.host(), parameter.getDeclaringExecutable());
    return scope.register(Fixtures.create(scope.host(), destination, type));
  }

  /** Static fields: only a class that shares one host ({@code PER_CLASS}) can fill them. */
  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    FieldInjection.injectStatic(
        testClass, () -> scope(context), perClassOwner(context).isPresent());
  }

  /** Instance fields, of the test instance and its enclosing instances, on the test's host. */
  @Override
  public void beforeEach(ExtensionContext context) {
    FieldInjection.injectInstances(context, () -> scope(context));
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

  /** A fixture field the test meant to set (in {@code @BeforeEach}) must be set by now. */
  @Override
  public void beforeTestExecution(ExtensionContext context) {
    FieldInjection.requireFixturesSet(context);
  }

  /**
   * The scope for something {@code description} names, failing if the context is outside any test
   * while each test gets its own host: what it got would be on no test's host.
   */
  private static HostScope testScope(ExtensionContext context, String description) {
    if (context.getTestMethod().isEmpty() && perClassOwner(context).isEmpty()) {
      throw new ParameterResolutionException(
          description
              + " is resolved outside any test (in @BeforeAll, @AfterAll, or the constructor of a"
              + " @TestInstance(PER_CLASS) class), but each test of "
              + context.getRequiredTestClass().getSimpleName()
              + " gets its own host (per-method isolation), which does not exist yet: take it in"
              + " @BeforeEach or in the test method, or use @WithBroker(isolation = PER_CLASS) to"
              + " share one host among the class's tests.");
    }
    return scope(context);
  }

  /** This context's scope, opening it (and a host, if this context owns one) on first use. */
  static HostScope scope(ExtensionContext context) {
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
    return perClassOwner(context).orElse(context);
  }

  /** The class context whose host the context shares, if the nearest class-level says PER_CLASS. */
  private static Optional<ExtensionContext> perClassOwner(ExtensionContext context) {
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
      return annotation.get().isolation() == Isolation.PER_CLASS
          ? Optional.of(c)
          : Optional.empty();
    }
    return Optional.empty();
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
