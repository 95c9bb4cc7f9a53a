package io.github.qpidharness.junit5;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.NestedClassSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the {@link WithBroker} broker in the background as soon as a launcher session is going to
 * run {@code @WithBroker} tests, so that Broker-J's start overlaps JUnit's discovery and the
 * loading of the test classes; registered through {@code META-INF/services}.
 *
 * <p>It looks twice, both cheap: when discovery starts, at the classes the request selects by name
 * (how Maven Surefire, Gradle and IDEs select tests), and when execution starts, at the discovered
 * test plan (classpath or package scans). A session without {@code @WithBroker} tests starts
 * nothing. The broker lives in the session's store, where {@link BrokerExtension} finds it, and
 * closes with the session. Set the configuration parameter {@value
 * WithBroker#EAGER_START_PARAMETER} to {@code false} to start the broker only when the first test
 * needs it.
 */
public final class EagerBrokerStart implements LauncherSessionListener {

  /** Creates the listener; JUnit does, through the service loader. */
  public EagerBrokerStart() {}

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    SessionWatch watch = new SessionWatch(session);
    session.getLauncher().registerLauncherDiscoveryListeners(watch);
    session.getLauncher().registerTestExecutionListeners(watch);
  }

  /** Watches one session's discovery and execution for {@code @WithBroker} tests. */
  private static final class SessionWatch
      implements LauncherDiscoveryListener, TestExecutionListener {
    private static final Namespace NAMESPACE =
        Namespace.create(BrokerExtension.NAMESPACE.getParts());

    private final LauncherSession session;

    SessionWatch(LauncherSession session) {
      this.session = session;
    }

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
      ConfigurationParameters parameters = request.getConfigurationParameters();
      if (enabled(parameters)
          && request.getSelectorsByType(DiscoverySelector.class).stream()
              .anyMatch(SessionWatch::needsBroker)) {
        start(parameters);
      }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
      ConfigurationParameters parameters = plan.getConfigurationParameters();
      if (enabled(parameters)
          && plan.getRoots().stream()
              .flatMap(root -> plan.getDescendants(root).stream())
              .anyMatch(SessionWatch::needsBroker)) {
        start(parameters);
      }
    }

    private void start(ConfigurationParameters parameters) {
      session
          .getStore()
          .getOrComputeIfAbsent(
              NAMESPACE,
              SharedBroker.class,
              key -> SharedBroker.fromConfiguration(parameters::get),
              SharedBroker.class)
          .startInBackground();
    }

    private static boolean enabled(ConfigurationParameters parameters) {
      return parameters.getBoolean(WithBroker.EAGER_START_PARAMETER).orElse(true);
    }

    private static boolean needsBroker(DiscoverySelector selector) {
      try {
        if (selector instanceof ClassSelector s) {
          return runsWithBroker(s.getJavaClass());
        }
        if (selector instanceof MethodSelector s) {
          return runsWithBroker(s.getJavaClass()) || annotated(s.getJavaMethod());
        }
        if (selector instanceof NestedClassSelector s) {
          return runsWithBroker(s.getNestedClass());
        }
      } catch (RuntimeException | LinkageError e) {
        // Discovery reports a class it cannot load; guessing "no" only costs the head start.
      }
      return false;
    }

    private static boolean needsBroker(TestIdentifier test) {
      Optional<TestSource> source = test.getSource();
      try {
        if (source.orElse(null) instanceof ClassSource s) {
          return annotated(s.getJavaClass());
        }
        if (source.orElse(null) instanceof MethodSource s) {
          return annotated(s.getJavaClass()) || annotated(s.getJavaMethod());
        }
      } catch (RuntimeException | LinkageError e) {
        // As above: a source that does not resolve is the engine's to report.
      }
      return false;
    }

    /** Whether a selected class runs a {@code @WithBroker} test, itself or in a nested class. */
    private static boolean runsWithBroker(Class<?> type) {
      return annotated(type)
          || !AnnotationSupport.findAnnotatedMethods(
                  type, WithBroker.class, HierarchyTraversalMode.TOP_DOWN)
              .isEmpty()
          || ReflectionSupport.findNestedClasses(type, SessionWatch::isNestedTestClass).stream()
              .anyMatch(SessionWatch::runsWithBroker);
    }

    /**
     * Whether the class or, for a {@code @Nested} class, an enclosing class carries the annotation.
     */
    private static boolean annotated(Class<?> type) {
      for (Class<?> c = type; c != null; c = isNestedTestClass(c) ? c.getEnclosingClass() : null) {
        if (AnnotationSupport.isAnnotated(c, WithBroker.class)) {
          return true;
        }
      }
      return false;
    }

    private static boolean annotated(Method method) {
      return AnnotationSupport.isAnnotated(method, WithBroker.class);
    }

    private static boolean isNestedTestClass(Class<?> type) {
      return type.isMemberClass()
          && !Modifier.isStatic(type.getModifiers())
          && AnnotationSupport.isAnnotated(type, Nested.class);
    }
  }
}
