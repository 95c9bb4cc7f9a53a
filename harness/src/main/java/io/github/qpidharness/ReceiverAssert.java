package io.github.qpidharness;

import io.github.qpidharness.internal.Describe;
import io.github.qpidharness.internal.Durations;
import io.github.qpidharness.internal.Expectation;
import io.github.qpidharness.internal.ReceiverHints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * AssertJ assertions on what a {@link MessageReceiver} collects, waiting (event-driven, up to a
 * timeout) for the messages to arrive.
 *
 * <p>They look at everything the receiver collected since it was created, including messages
 * already handed out by {@link MessageReceiver#receive()}. The timeout is {@link
 * HarnessTimeouts#defaultReceiveTimeout()} unless {@link #within} says otherwise; checks that
 * nothing (more) arrives listen for {@link HarnessTimeouts#defaultQuietPeriod()} unless {@link
 * #withQuietPeriod} says otherwise.
 *
 * <p>A count that differs fails with expected and actual values, so an IDE can show the difference;
 * AssertJ's {@code as()}, {@code withFailMessage()} and soft assertions ({@link
 * HarnessSoftAssertions}) work as on AssertJ's own assertions.
 */
public class ReceiverAssert extends AbstractAssert<ReceiverAssert, MessageReceiver> {
  private Duration timeout = HarnessTimeouts.defaultReceiveTimeout();
  private Duration quietPeriod = HarnessTimeouts.defaultQuietPeriod();
  private boolean untilSettled;

  /** Set when soft assertions created this one: a missing message must not end the chain. */
  private SoftAssertionsProvider softly;

  /**
   * Assertions on {@code actual}; {@link HarnessAssertions#assertThat(MessageReceiver)} reads
   * better.
   */
  public ReceiverAssert(MessageReceiver actual) {
    super(actual, ReceiverAssert.class);
  }

  ReceiverAssert softly(SoftAssertionsProvider collector) {
    this.softly = collector;
    return this;
  }

  /** Waits up to {@code timeout} for messages in the assertions that follow. */
  public ReceiverAssert within(Duration timeout) {
    this.timeout = requireDuration("Timeout", timeout);
    return this;
  }

  /**
   * Listens {@code quietPeriod} long when checking that nothing (more) arrives (undoing {@link
   * #untilSettled()}).
   */
  public ReceiverAssert withQuietPeriod(Duration quietPeriod) {
    this.quietPeriod = requireDuration("Quiet period", quietPeriod);
    this.untilSettled = false;
    return this;
  }

  /**
   * Checks that nothing (more) arrives by waiting until the receiver's host is settled ({@link
   * TestBroker#awaitSettled(Duration)}, up to the timeout) instead of listening for the quiet
   * period: with a message-driven application, done as soon as its listeners have handled what they
   * got, and a listener slower than any quiet period is still caught. Fails, naming what kept the
   * host busy, if it does not settle within the timeout.
   *
   * @throws IllegalArgumentException (from the check that follows) if the receiver is not one the
   *     harness created
   */
  public ReceiverAssert untilSettled() {
    this.untilSettled = true;
    return this;
  }

  /**
   * The messages once nothing more can arrive: after the quiet period unless one of {@code more}
   * arrives first, or once the host settled ({@link #untilSettled()}).
   */
  private List<ReceivedMessage> listenForMore(Predicate<List<ReceivedMessage>> more) {
    if (!untilSettled) {
      return actual.awaitReceived(more, quietPeriod);
    }
    ReceiverHints.awaitHostSettled(actual, timeout);
    return actual.awaitReceived(more, Duration.ZERO);
  }

  private String quietly() {
    return untilSettled ? "until its host settled" : "for " + Describe.duration(quietPeriod);
  }

  /**
   * Checks that {@code count} messages arrive within the timeout and no more arrive during the
   * quiet period after that (or before the host settles: {@link #untilSettled()}).
   */
  public ReceiverAssert receivesExactly(int count) {
    requireCount(count, 0);
    isNotNull();
    String to =
        "receive exactly "
            + Describe.count(count)
            + " within "
            + Describe.duration(timeout)
            + (untilSettled ? " and nothing more until its host settled" : "");
    long start = System.nanoTime();
    List<ReceivedMessage> messages = actual.awaitReceived(m -> m.size() >= count, timeout);
    if (messages.size() == count) {
      messages = listenForMore(m -> m.size() > count);
    }
    if (messages.size() != count) {
      throw differs(messages.size(), count, to, received(messages, start));
    }
    return this;
  }

  /** Checks that at least {@code count} messages arrive within the timeout. */
  public ReceiverAssert receivesAtLeast(int count) {
    requireCount(count, 1);
    isNotNull();
    long start = System.nanoTime();
    List<ReceivedMessage> messages = actual.awaitReceived(m -> m.size() >= count, timeout);
    if (messages.size() < count) {
      throw differs(
          messages.size(),
          count,
          "receive at least " + Describe.count(count) + " within " + Describe.duration(timeout),
          received(messages, start));
    }
    return this;
  }

  /**
   * Checks that the receiver collected nothing and nothing arrives during the quiet period (or
   * before the host settles: {@link #untilSettled()}).
   */
  public ReceiverAssert receivesNothing() {
    isNotNull();
    long start = System.nanoTime();
    List<ReceivedMessage> messages = listenForMore(m -> !m.isEmpty());
    if (!messages.isEmpty()) {
      throw differs(messages.size(), 0, "receive nothing " + quietly(), received(messages, start));
    }
    return this;
  }

  /** Waits for a text message with exactly this text; returns assertions on the first match. */
  public ReceivedMessageAssert receivesMessageWithText(String text) {
    return receivesMessage(Expectation.text(text));
  }

  /**
   * Waits for a message with all these properties (others may exist) and returns its assertions.
   */
  public ReceivedMessageAssert receivesMessageWithProperties(Map<String, ?> properties) {
    return receivesMessage(Expectation.properties(properties));
  }

  /** Waits for a text message with this text and all these properties. */
  public ReceivedMessageAssert receivesMessage(String text, Map<String, ?> properties) {
    return receivesMessage(Expectation.textAndProperties(text, properties));
  }

  /** Waits for a message with this JMS type header. */
  public ReceivedMessageAssert receivesMessageWithType(String type) {
    return receivesMessage(Expectation.type(type));
  }

  private ReceivedMessageAssert receivesMessage(Expectation expectation) {
    if (softly == null) {
      return awaitMessage(expectation);
    }
    try {
      return awaitMessage(expectation);
    } catch (AssertionError e) {
      // Soft assertions record the failure and go on; the chain continues on a stand-in whose
      // checks fail as "actual is null" under a description that points back here.
      softly.collectAssertionError(e);
      return softly
          .proxy(ReceivedMessageAssert.class, ReceivedMessage.class, null)
          .as("the message " + expectation.describe() + " (none arrived, see the failure before)");
    }
  }

  private ReceivedMessageAssert awaitMessage(Expectation expectation) {
    isNotNull();
    long start = System.nanoTime();
    Predicate<List<ReceivedMessage>> matched = new FirstMatch(expectation);
    List<ReceivedMessage> messages = actual.awaitReceived(matched, timeout);
    for (ReceivedMessage message : messages) {
      if (expectation.mismatches(message).isEmpty()) {
        return softly == null
            ? new ReceivedMessageAssert(message)
            : softly.proxy(ReceivedMessageAssert.class, ReceivedMessage.class, message);
      }
    }
    String to = "receive " + expectation.describe() + " within " + Describe.duration(timeout);
    if (messages.isEmpty()) {
      throw fail(to, received(messages, start));
    }
    int closest = 0;
    List<String> closestMismatches = null;
    for (int i = 0; i < messages.size(); i++) {
      List<String> mismatches = expectation.mismatches(messages.get(i));
      if (closestMismatches == null || mismatches.size() < closestMismatches.size()) {
        closest = i;
        closestMismatches = mismatches;
      }
    }
    throw fail(
        to,
        "none of the "
            + Describe.count(messages.size())
            + " received in "
            + Describe.since(start)
            + " matched; the closest, message "
            + (closest + 1)
            + ", differs in "
            + String.join("; ", closestMismatches)
            + ":"
            + Describe.messages(messages));
  }

  /** Checks that the first messages collected are text messages with these texts, in order. */
  public ReceiverAssert receivesInOrder(String... texts) {
    Objects.requireNonNull(texts, "texts");
    requireCount(texts.length, 1);
    isNotNull();
    List<String> quoted = new ArrayList<>();
    for (String text : texts) {
      quoted.add(Describe.value(text));
    }
    String to =
        "receive "
            + String.join(", ", quoted)
            + " in this order within "
            + Describe.duration(timeout);
    long start = System.nanoTime();
    List<ReceivedMessage> messages = actual.awaitReceived(m -> m.size() >= texts.length, timeout);
    if (messages.size() < texts.length) {
      throw fail(to, received(messages, start));
    }
    for (int i = 0; i < texts.length; i++) {
      ReceivedMessage message = messages.get(i);
      String text = message.bodyType() == BodyType.TEXT ? message.text() : null;
      if (message.bodyType() != BodyType.TEXT || !Objects.equals(texts[i], text)) {
        List<String> arrived = new ArrayList<>();
        for (ReceivedMessage m : messages.subList(0, texts.length)) {
          arrived.add(Describe.body(m));
        }
        throw differs(
            arrived,
            quoted,
            to,
            "message "
                + (i + 1)
                + " was "
                + Describe.body(message)
                + " instead of "
                + quoted.get(i)
                + "; "
                + received(messages, start));
      }
    }
    return this;
  }

  /**
   * Checks that every one of {@code sent} arrives, in the order given (other messages in between
   * are ignored).
   */
  public ReceiverAssert receivesInOrder(List<SentMessage> sent) {
    Objects.requireNonNull(sent, "sent");
    requireCount(sent.size(), 1);
    isNotNull();
    receivesEachOnce(sent);
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      position.put(sent.get(i).messageId(), i);
    }
    int next = 0;
    for (ReceivedMessage message : actual.received()) {
      Integer at = position.get(message.messageId());
      if (at == null) {
        continue;
      }
      if (at != next) {
        throw fail(
            "receive " + Describe.count(sent.size()) + " in the order listed",
            "position "
                + (next + 1)
                + " holds "
                + Describe.sent(sent.get(at))
                + ", number "
                + (at + 1)
                + " in the list, instead of "
                + Describe.sent(sent.get(next)));
      }
      next++;
    }
    return this;
  }

  /** Checks that every one of {@code sent} arrives exactly once (others are ignored). */
  public ReceiverAssert receivesEachOnce(Collection<SentMessage> sent) {
    isNotNull();
    ReceiversAssert fanOut = new ReceiversAssert(List.of(actual));
    // Shares this assertion's description and overriding message, so as() applies to it too.
    fanOut.info = info;
    fanOut.within(timeout).fanOut(sent);
    return this;
  }

  /**
   * Checks that every one of {@code sent} arrives at least once within the timeout, as a test with
   * faults expects of at-least-once delivery: duplicates, redeliveries and other messages are
   * allowed. A failure shows the {@link DeliveryReport}: each message lost, duplicated or
   * redelivered. {@link #receivesEachOnce} also refuses duplicates.
   */
  public ReceiverAssert receivesAllOf(Collection<SentMessage> sent) {
    isNotNull();
    Objects.requireNonNull(sent, "sent");
    AllArrived allArrived = new AllArrived(sent);
    long start = System.nanoTime();
    List<ReceivedMessage> messages = actual.awaitReceived(allArrived, timeout);
    DeliveryReport report = DeliveryReport.of(sent, messages);
    if (!report.nothingLost()) {
      throw differs(
          report.lost().size(),
          0,
          "receive each of the "
              + Describe.count(sent.size())
              + " sent at least once within "
              + Describe.duration(timeout),
          Describe.since(start) + " later " + report.lost().size() + " had not arrived: " + report);
    }
    return this;
  }

  private String received(List<ReceivedMessage> messages, long start) {
    return "received "
        + Describe.count(messages.size())
        + " in "
        + Describe.since(start)
        + (messages.isEmpty() ? nearMiss() : ":" + Describe.messages(messages));
  }

  /** Where the host's journal saw messages go instead; any receiver works without it. */
  private String nearMiss() {
    String hint = ReceiverHints.nearMiss(actual);
    return hint == null ? "" : "\n" + hint;
  }

  private AssertionError fail(String to, String but) {
    return failure("%s", HarnessAssertions.layout(actual.endpoint().toString(), to, but));
  }

  /**
   * A failure where a count differs: IDEs can show {@code actualValue} against {@code expected}.
   */
  private AssertionError differs(Object actualValue, Object expected, String to, String but) {
    return failureWithActualExpected(
        actualValue,
        expected,
        "%s",
        HarnessAssertions.layout(actual.endpoint().toString(), to, but));
  }

  private static void requireCount(int count, int minimum) {
    if (count < minimum) {
      throw new IllegalArgumentException(
          "Count must be " + minimum + " or more but was " + count + ".");
    }
  }

  private static Duration requireDuration(String what, Duration duration) {
    return Durations.requireWait(what, duration);
  }

  /** True once every sent id arrived; remembers how far it has looked. */
  private static final class AllArrived implements Predicate<List<ReceivedMessage>> {
    private final java.util.Set<String> missing = new java.util.HashSet<>();
    private int checked;

    AllArrived(Collection<SentMessage> sent) {
      for (SentMessage message : sent) {
        missing.add(
            Objects.requireNonNull(message, "a sent message in the list is null").messageId());
      }
    }

    @Override
    public boolean test(List<ReceivedMessage> messages) {
      for (; checked < messages.size(); checked++) {
        missing.remove(messages.get(checked).messageId());
      }
      return missing.isEmpty();
    }
  }

  /** Remembers how far it has looked, so each arrival is checked once. */
  private static final class FirstMatch implements Predicate<List<ReceivedMessage>> {
    private final Expectation expectation;
    private int checked;

    FirstMatch(Expectation expectation) {
      this.expectation = expectation;
    }

    @Override
    public boolean test(List<ReceivedMessage> messages) {
      for (; checked < messages.size(); checked++) {
        if (expectation.mismatches(messages.get(checked)).isEmpty()) {
          return true;
        }
      }
      return false;
    }
  }
}
