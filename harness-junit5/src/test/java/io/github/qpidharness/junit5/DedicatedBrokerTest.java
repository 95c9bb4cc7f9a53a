package io.github.qpidharness.junit5;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static io.github.qpidharness.junit5.EngineRuns.assertAllPassed;
import static io.github.qpidharness.junit5.EngineRuns.failures;
import static io.github.qpidharness.junit5.EngineRuns.reported;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.MessageBroker;
import io.github.qpidharness.Store;
import io.github.qpidharness.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class DedicatedBrokerTest {

  @Test
  void aDerbyClassRunsOnItsOwnBrokerThatItMayRestartAndThatClosesAfterTheClass() {
    EngineExecutionResults results = run(DerbyCase.class, SharedCase.class);

    assertAllPassed(results, 3);
    Map<String, String> ports = reported(results, "port");
    Map<String, String> directories = reported(results, "workDirectory");
    assertThat(
            ports.get("restartKeepsPersistentMessages(EmbeddedBroker, TestBroker, TestReporter)"))
        .isEqualTo(ports.get("nestedTestsShareTheClassBroker(MessageBroker, TestReporter)"))
        .isNotEqualTo(ports.get("sharedBrokerServesOtherClasses(TestBroker, TestReporter)"));
    assertThat(Set.copyOf(directories.values())).hasSize(1);
    assertThat(Path.of(directories.values().iterator().next())).doesNotExist();
  }

  @Test
  void dedicatedGivesAMemoryClassItsOwnBrokerToo() {
    EngineExecutionResults results = run(DedicatedMemoryCase.class, SharedCase.class);

    assertAllPassed(results, 2);
    Map<String, String> ports = reported(results, "port");
    assertThat(Set.copyOf(ports.values())).hasSize(2);
  }

  @Test
  void theSharedBrokerCannotBeInjectedAndTheMessageSaysHowToGetADedicatedOne() {
    Map<String, Throwable> failures = failures(run(SharedInjectionCase.class));

    assertThat(failures).hasSize(1);
    Throwable failure = failures.values().iterator().next();
    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "The EmbeddedBroker parameter of test asks for the session's shared broker, which"
                + " other classes' tests use at the same time: it cannot be injected, restarted"
                + " or closed. Give the class a broker of its own with @WithBroker(dedicated ="
                + " true) (or store = Store.DERBY).");
  }

  @Test
  void aDedicatedBrokerOnAMethodIsAConfigurationErrorThatSaysWhereItBelongs() {
    Map<String, Throwable> failures = failures(run(MethodLevelCase.class));

    assertThat(failures.values())
        .singleElement()
        .satisfies(
            failure ->
                assertThat(failure)
                    .hasRootCauseInstanceOf(ExtensionConfigurationException.class)
                    .hasRootCauseMessage(
                        "@WithBroker(dedicated = true or store = DERBY) on method"
                            + " MethodLevelCase.test has no effect: put it on the test class,"
                            + " whose tests then share a broker of their own."));
  }

  static class MethodLevelCase {
    @Test
    @WithBroker(store = Store.DERBY)
    void test(TestBroker host) {}
  }

  @WithBroker(store = Store.DERBY, queues = "jobs")
  static class DerbyCase {
    @Test
    void restartKeepsPersistentMessages(
        EmbeddedBroker broker, TestBroker host, TestReporter reporter) {
      reporter.publishEntry(
          Map.of(
              "port",
              Integer.toString(broker.amqpPort()),
              "workDirectory",
              broker.workDirectory().toString()));
      assertThat(broker.store()).isEqualTo(Store.DERBY);
      host.queueSender("jobs").send("kept");

      broker.restart();

      assertThat(host.queueReceiver("jobs").receive()).hasText("kept");
      assertThat(Files.isDirectory(broker.workDirectory())).isTrue();
    }

    @Nested
    class Inner {
      @Test
      void nestedTestsShareTheClassBroker(MessageBroker broker, TestReporter reporter) {
        reporter.publishEntry("port", Integer.toString(broker.amqpPort()));
      }
    }
  }

  @WithBroker(dedicated = true)
  static class DedicatedMemoryCase {
    @Test
    void ownBroker(EmbeddedBroker broker, TestReporter reporter) {
      assertThat(broker.store()).isEqualTo(Store.MEMORY);
      reporter.publishEntry("port", Integer.toString(broker.amqpPort()));
    }
  }

  @WithBroker
  static class SharedCase {
    @Test
    void sharedBrokerServesOtherClasses(TestBroker host, TestReporter reporter) {
      reporter.publishEntry("port", host.url().replaceAll("^amqp://[^:]+:(\\d+).*$", "$1"));
    }
  }

  @WithBroker
  static class SharedInjectionCase {
    @Test
    void test(EmbeddedBroker broker) {}
  }
}
