package io.github.qpidharness.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import io.github.qpidharness.BrokerStartException;
import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The session listener, through a real launcher session (the way Surefire, Gradle and IDEs run
 * tests), found by the service loader as in a user's build.
 */
class EagerBrokerStartTest {
  private static final Namespace NAMESPACE = Namespace.create(BrokerExtension.NAMESPACE.getParts());

  @Test
  void theBrokerIsStartingBeforeTheFirstTestAndClosesWithTheSession() {
    Run run = new Run(Map.of(), selectClass(NeedsBrokerCase.class));

    assertThat(run.startingAtFirstTest).containsExactly(true);
    assertThat(run.failures).isEmpty();
    assertThat(run.hostUrls).singleElement().asString().contains(":" + run.brokerPort + "?");
    assertThat(run.broker.isClosed()).isTrue();
  }

  @Test
  void aTestPlanFromSomethingOtherThanClassNamesStartsTheBrokerWhenExecutionStarts() {
    Run run =
        new Run(
            Map.of(),
            selectUniqueId(
                "[engine:junit-jupiter]/[class:" + NeedsBrokerCase.class.getName() + "]"));

    assertThat(run.startingAtFirstTest).containsExactly(true);
    assertThat(run.failures).isEmpty();
  }

  @Test
  void aNestedClassWithTheAnnotationCountsForItsSelectedOuterClass() {
    Run run = new Run(Map.of(), selectClass(OuterCase.class));

    assertThat(run.startingAtFirstTest).containsExactly(true, true);
    assertThat(run.failures).isEmpty();
  }

  @Test
  void aSessionWithoutWithBrokerTestsStartsNothingAndLeavesNoThreads() throws Exception {
    Set<Thread> before = EngineRuns.liveThreads();

    Run run = new Run(Map.of(), selectClass(PlainCase.class));

    assertThat(run.startingAtFirstTest).containsExactly(false);
    assertThat(run.shared).isNull();
    assertThat(EngineRuns.threadsStillAliveAfter(before, Duration.ofSeconds(10))).isEmpty();
  }

  @Test
  void withEagerStartOffTheFirstTestStartsTheBroker() {
    Run run =
        new Run(
            Map.of(WithBroker.EAGER_START_PARAMETER, "false"), selectClass(NeedsBrokerCase.class));

    assertThat(run.startingAtFirstTest).containsExactly(false);
    assertThat(run.failures).isEmpty();
    assertThat(run.broker.isClosed()).isTrue();
  }

  @Test
  void aFailedBackgroundStartFailsEveryTestThatNeedsTheBrokerWithTheCause() {
    Run run =
        new Run(
            Map.of(
                WithBroker.BROKER_FACTORY_PARAMETER,
                BrokerStartFailureTest.BusyPortBroker.class.getName()),
            selectClass(TwoTestsCase.class));

    assertThat(run.startingAtFirstTest).containsExactly(true, true);
    assertThat(run.failures).hasSize(2);
    for (Throwable failure : run.failures) {
      assertThat(failure)
          .cause()
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining("is already in use");
    }
  }

  /** One launcher session running the selected tests, and what it saw. */
  private static final class Run {
    final List<Boolean> startingAtFirstTest = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<String> hostUrls = new CopyOnWriteArrayList<>();
    SharedBroker shared;
    EmbeddedBroker broker;
    int brokerPort;

    Run(Map<String, String> configuration, DiscoverySelector... selectors) {
      try (LauncherSession session = LauncherFactory.openSession()) {
        TestExecutionListener probe =
            new TestExecutionListener() {
              @Override
              public void executionStarted(TestIdentifier test) {
                if (test.isTest()) {
                  // Parameters resolve after this event: only a background start is under way yet.
                  SharedBroker broker = shared(session);
                  startingAtFirstTest.add(broker != null && broker.isStarting());
                }
              }

              @Override
              public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                hostUrls.add(entry.getKeyValuePairs().get("url"));
              }

              @Override
              public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                result.getThrowable().ifPresent(failures::add);
              }
            };
        session
            .getLauncher()
            .execute(
                LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .configurationParameters(configuration)
                    .build(),
                probe);
        shared = shared(session);
        if (shared != null && failures.isEmpty()) {
          broker = shared.get();
          brokerPort = broker.amqpPort();
        }
      }
    }

    private static SharedBroker shared(LauncherSession session) {
      return session.getStore().get(NAMESPACE, SharedBroker.class, SharedBroker.class);
    }
  }

  @WithBroker
  static class NeedsBrokerCase {
    @Test
    void needsTheBroker(TestBroker broker, TestReporter reporter) {
      reporter.publishEntry("url", broker.url());
    }
  }

  @WithBroker
  static class TwoTestsCase {
    @Test
    void first(TestBroker broker) {}

    @Test
    void second(TestBroker broker) {}
  }

  static class OuterCase {
    @Test
    void plain() {}

    @Nested
    @WithBroker
    class Inner {
      @Test
      void needsTheBroker(TestBroker broker) {}
    }
  }

  static class PlainCase {
    @Test
    void plain() {}
  }
}
