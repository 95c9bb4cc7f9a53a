package io.github.qpidharness;

import java.util.List;
import java.util.Objects;

/**
 * Entry point to the harness's AssertJ-style assertions on receivers and received messages; every
 * failure is an {@link AssertionError} laid out as {@code Expecting ... / to ... / but ...}.
 *
 * <pre>{@code
 * assertThat(receiver).receivesExactly(2);
 * assertThat(receiver.receive()).hasText("Testing").hasProperty("type", "test");
 * assertThatReceivers(first, second).competeFor(sent);
 * }</pre>
 */
public final class HarnessAssertions {
  private HarnessAssertions() {}

  /** Assertions on what a receiver collects, waiting as long as the assertion needs. */
  public static ReceiverAssert assertThat(MessageReceiver receiver) {
    return new ReceiverAssert(Objects.requireNonNull(receiver, "receiver"));
  }

  /** Assertions on one received message. */
  public static ReceivedMessageAssert assertThat(ReceivedMessage message) {
    return new ReceivedMessageAssert(Objects.requireNonNull(message, "message"));
  }

  /** Assertions on several receivers together: fan-out and competing consumers. */
  public static ReceiversAssert assertThatReceivers(MessageReceiver... receivers) {
    Objects.requireNonNull(receivers, "receivers");
    return assertThatReceivers(List.of(receivers));
  }

  /** Assertions on several receivers together: fan-out and competing consumers. */
  public static ReceiversAssert assertThatReceivers(List<? extends MessageReceiver> receivers) {
    Objects.requireNonNull(receivers, "receivers");
    if (receivers.isEmpty()) {
      throw new IllegalArgumentException(
          "assertThatReceivers needs at least one receiver; pass the receivers to check.");
    }
    return new ReceiversAssert(List.copyOf(receivers));
  }

  static AssertionError failure(String expecting, String to, String but) {
    return new AssertionError("Expecting " + expecting + "\nto " + to + "\nbut " + but);
  }
}
