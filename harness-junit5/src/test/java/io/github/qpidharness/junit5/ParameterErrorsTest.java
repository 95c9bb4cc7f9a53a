package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.failures;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.TestBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

class ParameterErrorsTest {

  @Test
  void aParameterWithBothQueueAndTopicIsRejected() {
    Throwable failure = onlyFailure(BothAnnotationsCase.class);

    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Parameter [0] \"String\" of method BothAnnotationsCase.test(String) has both @Queue"
                + " and @Topic: keep the one it should use.");
  }

  @Test
  void anAnnotatedParameterOfAnUnsupportedTypeIsRejected() {
    Throwable failure = onlyFailure(UnsupportedTypeCase.class);

    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Parameter [1] \"String\" of method UnsupportedTypeCase.test(TestBroker, String) has"
                + " @Topic but its type is not supported: use MessageSender or MessageReceiver"
                + " (TestBroker, ConnectionFactory, JMSContext and Connection need no annotation).");
  }

  @Test
  void anInvalidDestinationNameIsRejected() {
    Throwable failure = onlyFailure(InvalidNameCase.class);

    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Parameter [0] \"String\" of method InvalidNameCase.test(String): Queue name \"new"
                + " orders\" contains whitespace or a control character at index 3; use letters,"
                + " digits and '.', '_', '-'. Fix the name in @Queue.");
  }

  @Test
  void perClassIsolationOnAMethodIsRejected() {
    Throwable failure = onlyFailure(PerClassOnMethodCase.class);

    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .cause()
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "@WithBroker(isolation = PER_CLASS) on method PerClassOnMethodCase.test has no effect:"
                + " put it on the test class to share a host among its tests.");
  }

  @Test
  void aNameDeclaredAsQueueAndTopicFailsTheTestWithTheBrokersReason() {
    Throwable failure = onlyFailure(ConflictingDeclarationsCase.class);

    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .cause()
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith(
            "@WithBroker on test(TestBroker) cannot be set up: Cannot declare topic \"orders\" on"
                + " host \"isolated-")
        .hasMessageEndingWith(
            "a queue of that name exists. Use another name, or deleteQueue(\"orders\") first.");
  }

  private static Throwable onlyFailure(Class<?> testClass) {
    Map<String, Throwable> failures = failures(run(testClass));
    assertThat(failures).hasSize(1);
    return failures.values().iterator().next();
  }

  @WithBroker
  static class BothAnnotationsCase {
    @org.junit.jupiter.api.Test
    void test(@Queue("orders") @Topic("events") String destination) {}
  }

  @WithBroker
  static class UnsupportedTypeCase {
    @org.junit.jupiter.api.Test
    void test(TestBroker broker, @Topic("events") String destination) {}
  }

  @WithBroker
  static class InvalidNameCase {
    @org.junit.jupiter.api.Test
    void test(@Queue("new orders") String destination) {}
  }

  static class PerClassOnMethodCase {
    @org.junit.jupiter.api.Test
    @WithBroker(isolation = Isolation.PER_CLASS)
    void test(TestBroker broker) {}
  }

  @WithBroker(queues = "orders", topics = "orders")
  static class ConflictingDeclarationsCase {
    @org.junit.jupiter.api.Test
    void test(TestBroker broker) {}
  }
}
