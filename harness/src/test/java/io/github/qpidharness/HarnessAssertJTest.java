package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The harness's assertions used as AssertJ assertions: descriptions, diffs, soft and null. */
class HarnessAssertJTest extends OnIsolatedHost {
  private static final Duration SHORT = Duration.ofMillis(50);

  private ReceivedMessage oneMessage() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q").message("hello").property("type", "test").priority(6).send();
    return receiver.receive();
  }

  @Test
  void aDifferingTextIsAnAssertionFailedErrorWithExpectedAndActual() {
    ReceivedMessage message = oneMessage();

    Throwable thrown = catchThrowable(() -> HarnessAssertions.assertThat(message).hasText("bye"));

    assertThat(thrown).isInstanceOf(AssertionFailedError.class);
    AssertionFailedError failure = (AssertionFailedError) thrown;
    assertThat(failure.getExpected().getValue()).isEqualTo("bye");
    assertThat(failure.getActual().getValue()).isEqualTo("hello");
    assertThat(failure.getMessage()).endsWith("\nto have text \"bye\"\nbut had \"hello\"");
  }

  @Test
  void aDifferingPropertyPriorityOrCountCarriesBothValues() {
    ReceivedMessage message = oneMessage();

    AssertionFailedError property =
        (AssertionFailedError)
            catchThrowable(() -> HarnessAssertions.assertThat(message).hasProperty("type", "prod"));
    AssertionFailedError priority =
        (AssertionFailedError)
            catchThrowable(() -> HarnessAssertions.assertThat(message).hasPriority(9));
    MessageReceiver empty = host.queueReceiver("other");
    AssertionFailedError count =
        (AssertionFailedError)
            catchThrowable(
                () -> HarnessAssertions.assertThat(empty).within(SHORT).receivesExactly(2));

    assertThat(List.of(property.getExpected().getValue(), property.getActual().getValue()))
        .containsExactly("prod", "test");
    assertThat(List.of(priority.getExpected().getValue(), priority.getActual().getValue()))
        .containsExactly(9, 6);
    assertThat(List.of(count.getExpected().getValue(), count.getActual().getValue()))
        .containsExactly(2, 0);
  }

  @Test
  void aWrongOrderShowsTheTextsThatArrivedAgainstTheExpectedOnes() {
    MessageReceiver receiver = host.queueReceiver("q");
    MessageSender sender = host.queueSender("q");
    sender.send("a");
    sender.send("c");
    sender.send("b");

    AssertionFailedError failure =
        (AssertionFailedError)
            catchThrowable(() -> HarnessAssertions.assertThat(receiver).receivesInOrder("a", "b"));

    assertThat(failure.getExpected().getValue()).isEqualTo(List.of("\"a\"", "\"b\""));
    assertThat(failure.getActual().getValue()).isEqualTo(List.of("\"a\"", "\"c\""));
  }

  @Test
  void asPrefixesTheHarnessFailureAndWithFailMessageReplacesIt() {
    ReceivedMessage message = oneMessage();

    assertThatThrownBy(() -> HarnessAssertions.assertThat(message).as("order event").hasText("x"))
        .hasMessageStartingWith("[order event] Expecting message ID:")
        .hasMessageEndingWith("to have text \"x\"\nbut had \"hello\"");
    assertThatThrownBy(
            () ->
                HarnessAssertions.assertThat(message)
                    .withFailMessage("no %s", "greeting")
                    .hasProperty("missing"))
        .hasMessage("no greeting");
    MessageReceiver receiver = host.queueReceiver("r");
    assertThatThrownBy(
            () ->
                HarnessAssertions.assertThat(receiver)
                    .describedAs("refunds")
                    .within(SHORT)
                    .receivesAtLeast(1))
        .hasMessageStartingWith("[refunds] Expecting queue \"r\"\nto receive at least 1 message");
  }

  @Test
  void asAlsoDescribesTheFanOutBehindReceivesEachOnce() {
    MessageReceiver receiver = host.queueReceiver("r");
    SentMessage lost = host.queueSender("elsewhere").send("lost");

    assertThatThrownBy(
            () ->
                HarnessAssertions.assertThat(receiver)
                    .as("refunds")
                    .within(SHORT)
                    .receivesEachOnce(List.of(lost)))
        .hasMessageStartingWith("[refunds] Expecting queue \"r\"\nto receive every one of 1");
  }

  @Test
  void satisfiesHandsOverTheMessageForAssertJsOwnChecks() {
    ReceivedMessage message = oneMessage();

    HarnessAssertions.assertThat(message)
        .hasText("hello")
        .satisfies(m -> assertThat(m.properties()).containsEntry("type", "test"));
    assertThatThrownBy(
            () ->
                HarnessAssertions.assertThat(message)
                    .satisfies(m -> assertThat(m.priority()).isEqualTo(1)))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aNullActualFailsTheCheckInsteadOfThrowingNullPointerException() {
    assertThatThrownBy(() -> HarnessAssertions.assertThat((ReceivedMessage) null).hasText("x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
    assertThatThrownBy(() -> HarnessAssertions.assertThat((MessageReceiver) null).receivesNothing())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
    assertThatThrownBy(
            () ->
                HarnessAssertions.assertThatReceivers((List<MessageReceiver>) null)
                    .fanOut(List.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void aNullReceiverAmongSeveralIsMisuseNamingItsPosition() {
    MessageReceiver receiver = host.queueReceiver("q");

    assertThatThrownBy(() -> HarnessAssertions.assertThatReceivers(receiver, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Receiver 2 of 2 passed to assertThatReceivers is null; pass the receivers to check.");
  }

  @Test
  void softAssertionsCollectEveryHarnessFailure() {
    ReceivedMessage message = oneMessage();
    MessageReceiver empty = host.queueReceiver("empty");
    SentMessage elsewhere = host.queueSender("elsewhere").send("lost");

    Throwable thrown =
        catchThrowable(
            () ->
                HarnessSoftAssertions.assertSoftly(
                    softly -> {
                      softly.assertThat(message).hasText("bye").hasPriority(6).hasPriority(1);
                      softly.assertThat(empty).within(SHORT).receivesAtLeast(1);
                      softly.assertThatReceivers(empty).within(SHORT).fanOut(List.of(elsewhere));
                    }));

    assertThat(thrown).isInstanceOf(AssertJMultipleFailuresError.class);
    List<? extends Throwable> failures = ((AssertJMultipleFailuresError) thrown).getFailures();
    assertThat(failures).hasSize(4);
    assertThat(failures.get(0)).hasMessageContaining("to have text \"bye\"\nbut had \"hello\"");
    assertThat(failures.get(1)).hasMessageContaining("to have priority 1\nbut had 6");
    assertThat(failures.get(2)).hasMessageContaining("to receive at least 1 message within 50 ms");
    assertThat(failures.get(3)).hasMessageContaining("to receive every one of 1 message");
  }

  @Test
  void softAssertionsGoOnAfterAMessageThatNeverArrived() {
    MessageReceiver receiver = host.queueReceiver("q");
    HarnessSoftAssertions softly = new HarnessSoftAssertions();

    softly.assertThat(receiver).within(SHORT).receivesMessageWithText("x").hasPriority(4);
    softly.assertThat(receiver).receivesNothing();

    List<AssertionError> errors = softly.assertionErrorsCollected();
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0))
        .hasMessage(
            "Expecting queue \"q\"\nto receive a message with text \"x\" within 50 ms\n"
                + "but received 0 messages in "
                + errors.get(0).getMessage().replaceAll("(?s).* in ", ""));
    assertThat(errors.get(1))
        .hasMessageContaining(
            "[the message a message with text \"x\" (none arrived, see the failure before)]")
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void theHarnessProviderMixesWithAssertJsOwnSoftAssertions() {
    ReceivedMessage message = oneMessage();
    MixedSoftly softly = new MixedSoftly();

    softly.assertThat(message).hasText("hello").hasProperty("type", "prod");
    softly.assertThat("plain").isEqualTo("other");

    assertThat(softly.assertionErrorsCollected()).hasSize(2);
  }

  /** How a user combines AssertJ's soft assertions with the harness's. */
  static class MixedSoftly extends SoftAssertions implements HarnessSoftAssertionsProvider {}

  @Test
  void queueDepthAndConsumerCountAreAwaited() {
    MessageSender sender = host.queueSender("jobs");
    sender.send("a");
    sender.send("b");

    HarnessAssertions.assertThatQueue(host, "jobs").eventuallyHasDepth(2).eventuallyHasConsumers(0);
    MessageReceiver worker = host.queueReceiver("jobs");
    HarnessAssertions.assertThatQueue(host, "jobs").eventuallyHasConsumers(1).eventuallyHasDepth(0);
    assertThat(worker.received()).hasSize(2);
  }

  @Test
  void aQueueThatNeverReachesTheDepthFailsWithItsLastStatistics() {
    host.queueSender("jobs").send("a", Map.of());

    Throwable thrown =
        catchThrowable(
            () ->
                HarnessAssertions.assertThatQueue(host, "jobs")
                    .within(SHORT)
                    .eventuallyHasDepth(0));

    assertThat(thrown).isInstanceOf(AssertionFailedError.class);
    assertThat(((AssertionFailedError) thrown).getActual().getValue()).isEqualTo(1L);
    assertThat(thrown.getMessage().replaceAll("after \\d+(\\.\\d+)? m?s", "after <t>"))
        .isEqualTo(
            "Expecting queue \"jobs\"\n"
                + "to have depth 0 within 50 ms\n"
                + "but after <t> it had depth 1, 0 consumers, 1 enqueued and 0 dequeued in all");
  }

  @Test
  void aQueueAssertionOnAMissingQueueSaysWhichExist() {
    host.declareQueue("jobs");

    assertThatThrownBy(() -> HarnessAssertions.assertThatQueue(host, "jbos").eventuallyHasDepth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jobs");
  }

  @Test
  void receiveFromAPlainConsumerReturnsTheMessageOrFailsWithAnAssertionError() throws Exception {
    host.queueSender("plain").send("one");
    try (JMSContext context = host.connectionFactory().createContext()) {
      JMSConsumer consumer = context.createConsumer(context.createQueue("plain"));

      HarnessAssertions.assertThat(ReceivedMessage.receiveFrom(consumer)).hasText("one");
      Throwable thrown = catchThrowable(() -> ReceivedMessage.receiveFrom(consumer, SHORT));

      assertThat(thrown).isExactlyInstanceOf(AssertionError.class);
      assertThat(thrown.getMessage().replaceAll("arrived in \\d+(\\.\\d+)? m?s", "arrived in <t>"))
          .isEqualTo(
              "Expecting a JMSConsumer\nto receive a message within 50 ms\nbut none arrived in <t>");
    }
  }

  @Test
  void receiveFromRejectsATimeoutThatIsNotPositive() throws Exception {
    host.declareQueue("plain");
    try (JMSContext context = host.connectionFactory().createContext()) {
      JMSConsumer consumer = context.createConsumer(context.createQueue("plain"));

      assertThatThrownBy(() -> ReceivedMessage.receiveFrom(consumer, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Timeout must be positive but was PT0S; use e.g. Duration.ofSeconds(5).");
    }
  }
}
