package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.failures;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.testkit.engine.EngineExecutionResults;

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

  @Test
  void aParameterAnotherExtensionAnnotatesIsLeftToThatExtension() {
    EngineExecutionResults results = run(ForeignAnnotationCase.class);

    assertThat(failures(results)).isEmpty();
    assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
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

  /**
   * Marks a parameter that {@link ForeignResolver} resolves, as {@code @Autowired} or
   * {@code @Mock}.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface Foreign {}

  /**
   * Resolves {@link Foreign} parameters of JMS types with stand-ins, as a mocking library would.
   */
  static class ForeignResolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.isAnnotated(Foreign.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return Proxy.newProxyInstance(
          type.getClassLoader(),
          new Class<?>[] {type},
          (proxy, method, args) ->
              method.getName().equals("toString") ? "foreign " + type.getSimpleName() : null);
    }
  }

  @WithBroker
  @ExtendWith(ForeignResolver.class)
  static class ForeignAnnotationCase {
    @org.junit.jupiter.api.Test
    void test(
        TestBroker host,
        @Foreign ConnectionFactory factory,
        @Foreign Session session,
        @Queue("orders") MessageSender sender) {
      assertThat(factory.toString()).isEqualTo("foreign ConnectionFactory");
      assertThat(session.toString()).isEqualTo("foreign Session");
      assertThat(host.queueNames()).contains("orders");
    }
  }

  @WithBroker(queues = "orders", topics = "orders")
  static class ConflictingDeclarationsCase {
    @org.junit.jupiter.api.Test
    void test(TestBroker broker) {}
  }
}
