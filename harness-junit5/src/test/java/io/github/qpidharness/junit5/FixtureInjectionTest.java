package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.assertAllPassed;
import static io.github.qpidharness.junit5.EngineRuns.failures;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;

class FixtureInjectionTest {

  @Test
  void queueReceiversCompeteAndTopicReceiversEachGetACopy() {
    assertAllPassed(run(DeliveryCase.class), 3);
  }

  @Test
  void aReceiverInBeforeEachListensOnTheTestsHost() {
    assertAllPassed(run(BeforeEachCase.class), 1);
  }

  @Test
  void fixturesDeclareTheirDestinationsWithTheRightKind() {
    assertAllPassed(run(DeclarationCase.class), 1);
  }

  @Test
  void aFixtureWithoutQueueOrTopicIsRejected() {
    Map<String, Throwable> failures = failures(run(MissingAnnotationCase.class));

    assertThat(failures).hasSize(1);
    assertThat(failures.values().iterator().next())
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Parameter [0] \"MessageSender\" of method MissingAnnotationCase.test(MessageSender)"
                + " needs a destination: annotate it with @Queue(\"name\") or @Topic(\"name\").");
  }

  @Test
  void aSelectorOnASenderIsRejected() {
    Map<String, Throwable> failures = failures(run(SelectorOnSenderCase.class));

    assertThat(failures).hasSize(1);
    assertThat(failures.values().iterator().next())
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Parameter [0] \"MessageSender\" of method SelectorOnSenderCase.test(MessageSender) is"
                + " a sender, and only receivers filter with a selector: remove selector from"
                + " @Queue.");
  }

  @Test
  void aQueueFixtureOnADeclaredTopicNameIsRejectedWithTheHostsReason() {
    Map<String, Throwable> failures = failures(run(KindConflictCase.class));

    assertThat(failures).hasSize(1);
    assertThat(failures.values().iterator().next())
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageStartingWith(
            "Parameter [0] \"MessageReceiver\" of method KindConflictCase.test(MessageReceiver): ")
        .hasMessageContaining("\"events\"");
  }

  @Test
  void anInvalidSelectorIsRejectedNamingTheParameter() {
    Map<String, Throwable> failures = failures(run(InvalidSelectorCase.class));

    assertThat(failures).hasSize(1);
    assertThat(failures.values().iterator().next())
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageStartingWith(
            "Parameter [0] \"MessageReceiver\" of method InvalidSelectorCase.test(MessageReceiver)")
        .hasMessageContaining("kind = ");
  }

  @WithBroker(topics = "events")
  static class KindConflictCase {
    @Test
    void test(@Queue("events") MessageReceiver receiver) {}
  }

  @WithBroker
  static class InvalidSelectorCase {
    @Test
    void test(@Queue(value = "orders", selector = "kind = ") MessageReceiver receiver) {}
  }

  @WithBroker(topics = "events")
  static class DeliveryCase {
    @Test
    void queueSplits(
        @Queue("orders") MessageSender sender,
        @Queue("orders") MessageReceiver first,
        @Queue("orders") MessageReceiver second) {
      for (int i = 0; i < 10; i++) {
        sender.send("order " + i);
      }
      first.awaitReceived(m -> m.size() + second.received().size() >= 10, Duration.ofSeconds(10));
      second.awaitReceived(m -> m.size() + first.received().size() >= 10, Duration.ofSeconds(10));
      assertThat(first.received().size() + second.received().size()).isEqualTo(10);
    }

    @Test
    void topicCopies(
        @Topic("events") MessageSender sender,
        @Topic("events") MessageReceiver a,
        @Topic("events") MessageReceiver b) {
      sender.send("hello");

      assertThat(a.receive().text()).isEqualTo("hello");
      assertThat(b.receive().text()).isEqualTo("hello");
    }

    @Test
    void selectorFilters(
        @Queue("orders") MessageSender sender,
        @Queue(value = "orders", selector = "kind = 'refund'") MessageReceiver refunds) {
      sender.send("sale", Map.of("kind", "sale"));
      sender.send("refund", Map.of("kind", "refund"));

      assertThat(refunds.receive().text()).isEqualTo("refund");
    }
  }

  @WithBroker
  static class BeforeEachCase {
    private MessageReceiver orders;

    @BeforeEach
    void listen(@Queue("orders") MessageReceiver orders) {
      this.orders = orders;
    }

    @Test
    void receivesWhatTheTestSends(@Queue("orders") MessageSender sender) {
      sender.send("42");
      assertThat(orders.receive().text()).isEqualTo("42");
    }
  }

  @WithBroker
  static class DeclarationCase {
    @Test
    void declares(
        TestBroker broker,
        @Queue("orders") MessageReceiver orders,
        @Topic("events") MessageReceiver events) {
      assertThat(broker.queueNames()).contains("orders");
      assertThat(broker.topicNames()).containsExactly("events");
    }
  }

  @WithBroker
  static class MissingAnnotationCase {
    @Test
    void test(MessageSender sender) {}
  }

  @WithBroker
  static class SelectorOnSenderCase {
    @Test
    void test(@Queue(value = "orders", selector = "a = 1") MessageSender sender) {}
  }
}
