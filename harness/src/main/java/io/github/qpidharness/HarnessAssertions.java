package io.github.qpidharness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point to the harness's AssertJ assertions on receivers and received messages; every failure
 * is an {@link AssertionError} laid out as {@code Expecting ... / to ... / but ...}.
 *
 * <pre>{@code
 * assertThat(receiver).receivesExactly(2);
 * assertThat(receiver.receive()).hasText("Testing").hasProperty("type", "test");
 * assertThatReceivers(first, second).competeFor(sent);
 * assertThatQueue(host, "orders").eventuallyHasDepth(0);
 * }</pre>
 *
 * <p>They are {@code AbstractAssert}s, so {@code as()}, {@code withFailMessage()} and {@code
 * satisfies()} work; {@link HarnessSoftAssertions} collects their failures softly. A {@code null}
 * actual fails the first check with AssertJ's "Expecting actual not to be null".
 */
public final class HarnessAssertions {
  private HarnessAssertions() {}

  /** Assertions on what a receiver collects, waiting as long as the assertion needs. */
  public static ReceiverAssert assertThat(MessageReceiver receiver) {
    return new ReceiverAssert(receiver);
  }

  /**
   * Assertions on what a host's destinations received ({@link TestBroker#journal()}), waiting as
   * long as the assertion needs; a failure names the closest message published on the host.
   */
  public static MessageJournalAssert assertThat(MessageJournal journal) {
    return new MessageJournalAssert(journal);
  }

  /** Assertions on one received message. */
  public static ReceivedMessageAssert assertThat(ReceivedMessage message) {
    return new ReceivedMessageAssert(message);
  }

  /**
   * Assertions on several receivers (or journal views, see {@link CollectedMessages}) together:
   * fan-out and competing consumers.
   */
  public static ReceiversAssert assertThatReceivers(CollectedMessages... receivers) {
    return new ReceiversAssert(receivers(receivers == null ? null : Arrays.asList(receivers)));
  }

  /**
   * Assertions on several receivers (or journal views, see {@link CollectedMessages}) together:
   * fan-out and competing consumers.
   */
  public static ReceiversAssert assertThatReceivers(List<? extends CollectedMessages> receivers) {
    return new ReceiversAssert(receivers(receivers));
  }

  /**
   * Assertions on a queue's statistics on {@code host}, polled (the broker signals no change of
   * depth or consumer count) until they hold or the harness's receive timeout passes.
   */
  public static QueueAssert assertThatQueue(TestBroker host, String queue) {
    return new QueueAssert(host, queue);
  }

  /**
   * Checks the list of receivers: a null list is left to the assertion's not-null check, an empty
   * one or a null element is misuse.
   */
  static List<CollectedMessages> receivers(List<? extends CollectedMessages> receivers) {
    if (receivers == null) {
      return null;
    }
    if (receivers.isEmpty()) {
      throw new IllegalArgumentException(
          "assertThatReceivers needs at least one receiver; pass the receivers to check.");
    }
    List<CollectedMessages> copy = new ArrayList<>(receivers.size());
    for (int i = 0; i < receivers.size(); i++) {
      if (receivers.get(i) == null) {
        throw new IllegalArgumentException(
            "Receiver "
                + (i + 1)
                + " of "
                + receivers.size()
                + " passed to assertThatReceivers is null; pass the receivers to check.");
      }
      copy.add(receivers.get(i));
    }
    return List.copyOf(copy);
  }

  static String layout(String expecting, String to, String but) {
    return "Expecting " + expecting + "\nto " + to + "\nbut " + but;
  }
}
