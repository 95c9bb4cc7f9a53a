package io.github.qpidharness;

import io.github.qpidharness.JournalHints.Wanted;
import io.github.qpidharness.internal.Describe;
import io.github.qpidharness.internal.Durations;
import io.github.qpidharness.internal.Expectation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.IterativePollInterval;

/**
 * AssertJ assertions on what a host's destinations received ({@link MessageJournal}), waiting
 * (event-driven, up to a timeout) for the messages to arrive, with a failure that names the closest
 * message published anywhere on the host and what differs.
 *
 * <p>The timeout is {@link HarnessTimeouts#defaultReceiveTimeout()} unless {@link #within} says
 * otherwise; checks that nothing (more) is published listen for {@link
 * HarnessTimeouts#defaultQuietPeriod()} unless {@link #withQuietPeriod} says otherwise. A
 * destination is matched by name (queues and topics share one namespace on a host) unless a {@code
 * ...ToQueue}/{@code ...ToTopic} method names the kind too.
 */
public class MessageJournalAssert extends AbstractAssert<MessageJournalAssert, MessageJournal> {
  private static final String SUBJECT = "the message journal of this host";
  private static final Duration FIRST_POLL = Duration.ofMillis(1);
  private static final Duration LONGEST_POLL = Duration.ofMillis(50);

  private Duration timeout = HarnessTimeouts.defaultReceiveTimeout();
  private Duration quietPeriod = HarnessTimeouts.defaultQuietPeriod();
  private boolean untilSettled;
  private SoftAssertionsProvider softly;

  /**
   * Assertions on {@code actual}; {@link HarnessAssertions#assertThat(MessageJournal)} reads
   * better.
   */
  public MessageJournalAssert(MessageJournal actual) {
    super(actual, MessageJournalAssert.class);
  }

  MessageJournalAssert softly(SoftAssertionsProvider collector) {
    this.softly = collector;
    return this;
  }

  /** Waits up to {@code timeout} for messages in the assertions that follow. */
  public MessageJournalAssert within(Duration timeout) {
    this.timeout = requireDuration("Timeout", timeout);
    return this;
  }

  /**
   * Listens {@code quietPeriod} long when checking that nothing (more) is published (undoing {@link
   * #untilSettled()}).
   */
  public MessageJournalAssert withQuietPeriod(Duration quietPeriod) {
    this.quietPeriod = requireDuration("Quiet period", quietPeriod);
    this.untilSettled = false;
    return this;
  }

  /**
   * Checks that nothing (more) is published by waiting until the host is settled ({@link
   * TestBroker#awaitSettled(Duration)}, up to the timeout) instead of listening for the quiet
   * period: done as soon as a message-driven application has handled what it got, and a listener
   * slower than any quiet period is still caught. Fails, naming what kept the host busy, if it does
   * not settle within the timeout.
   */
  public MessageJournalAssert untilSettled() {
    this.untilSettled = true;
    return this;
  }

  /** The entries once nothing more can be published: after the quiet period, or settled. */
  private List<JournalEntry> listenForMore(Wanted wanted, java.util.function.IntPredicate more) {
    if (!untilSettled) {
      return awaitTo(wanted, more, quietPeriod);
    }
    actual.awaitHostSettled(timeout);
    return awaitTo(wanted, more, Duration.ZERO);
  }

  private String quietly() {
    return untilSettled ? "until the host settled" : "for " + Describe.duration(quietPeriod);
  }

  /**
   * Waits for a text message with this text and all these properties (others may exist) published
   * to the queue or topic {@code destination}; returns assertions on the first match.
   */
  public ReceivedMessageAssert hasPublished(
      String destination, String text, Map<String, ?> properties) {
    return published(
        new Wanted(null, requireName(destination)),
        Expectation.textAndProperties(text, properties));
  }

  /** Waits for a text message with this text published to {@code destination}. */
  public ReceivedMessageAssert hasPublished(String destination, String text) {
    return hasPublished(destination, text, Map.of());
  }

  /** As {@link #hasPublished(String, String, Map)}, for the queue {@code queue} only. */
  public ReceivedMessageAssert hasPublishedToQueue(
      String queue, String text, Map<String, ?> properties) {
    return published(
        new Wanted(JournalEntry.DestinationKind.QUEUE, requireName(queue)),
        Expectation.textAndProperties(text, properties));
  }

  /** As {@link #hasPublished(String, String, Map)}, for the topic {@code topic} only. */
  public ReceivedMessageAssert hasPublishedToTopic(
      String topic, String text, Map<String, ?> properties) {
    return published(
        new Wanted(JournalEntry.DestinationKind.TOPIC, requireName(topic)),
        Expectation.textAndProperties(text, properties));
  }

  /**
   * Checks that {@code count} messages are published to {@code destination} within the timeout and
   * no more during the quiet period after that (or before the host settles: {@link
   * #untilSettled()}).
   */
  public MessageJournalAssert hasPublishedExactly(int count, String destination) {
    if (count < 0) {
      throw new IllegalArgumentException("Count must be 0 or more but was " + count + ".");
    }
    Wanted wanted = new Wanted(null, requireName(destination));
    isNotNull();
    String to =
        "have exactly "
            + Describe.count(count)
            + " published to "
            + wanted
            + " within "
            + Describe.duration(timeout)
            + (untilSettled ? " and nothing more until the host settled" : "");
    List<JournalEntry> to1 = awaitTo(wanted, n -> n >= count, timeout);
    if (to1.size() == count) {
      to1 = listenForMore(wanted, n -> n > count);
    }
    if (to1.size() != count) {
      throw differs(to1.size(), count, to, publishedTo(wanted, to1));
    }
    return this;
  }

  /**
   * Checks that nothing is published to {@code destination} during the quiet period (or before the
   * host settles: {@link #untilSettled()}).
   */
  public MessageJournalAssert hasPublishedNothingTo(String destination) {
    Wanted wanted = new Wanted(null, requireName(destination));
    isNotNull();
    List<JournalEntry> to = listenForMore(wanted, n -> n > 0);
    if (!to.isEmpty()) {
      throw differs(
          to.size(),
          0,
          "have nothing published to " + wanted + " " + quietly(),
          publishedTo(wanted, to));
    }
    return this;
  }

  /**
   * Checks that nothing is published anywhere on the host during the quiet period (or before it
   * settles: {@link #untilSettled()}).
   */
  public MessageJournalAssert hasPublishedNothing() {
    isNotNull();
    List<JournalEntry> entries;
    if (untilSettled) {
      actual.awaitHostSettled(timeout);
      entries = actual.entries();
    } else {
      entries = actual.await(e -> !e.isEmpty(), quietPeriod);
    }
    if (!entries.isEmpty()) {
      throw differs(
          entries.size(),
          0,
          "have nothing published " + quietly(),
          Describe.count(entries.size())
              + (entries.size() == 1 ? " was" : " were")
              + " published on this host:"
              + JournalHints.list(actual, entries));
    }
    return this;
  }

  /**
   * Waits until the first message with this text published to {@code destination} was consumed
   * (acknowledged) from every queue the broker routed it to.
   */
  public MessageJournalAssert hasConsumed(String destination, String text) {
    return eventuallyHas(MessageFate.CONSUMED, destination, text);
  }

  /**
   * Waits until the first message with this text published to {@code destination} has {@code fate}
   * on every queue the broker routed it to (polled: the broker signals no change of fate).
   */
  public MessageJournalAssert eventuallyHas(MessageFate fate, String destination, String text) {
    Objects.requireNonNull(fate, "fate");
    Wanted wanted = new Wanted(null, requireName(destination));
    Expectation expectation = Expectation.text(text);
    String to =
        "have "
            + expectation.describe()
            + " published to "
            + wanted
            + " "
            + fate.word()
            + " on every queue it was routed to within "
            + Describe.duration(timeout);
    isNotNull();
    long start = System.nanoTime();
    JournalEntry entry =
        first(
            actual.await(e -> first(e, wanted, expectation) != null, timeout), wanted, expectation);
    if (entry == null) {
      throw fail(to, "no such message was published; " + closestPublished(wanted, expectation));
    }
    if (entry.routedNowhere()) {
      throw fail(to, "the broker routed it to no queue");
    }
    AtomicReference<Map<String, MessageFate>> last = new AtomicReference<>();
    try {
      Awaitility.await("the fate of " + expectation.describe())
          .atMost(remaining(start))
          .pollDelay(FIRST_POLL)
          .pollInterval(
              new IterativePollInterval(
                  previous ->
                      previous.multipliedBy(2).compareTo(LONGEST_POLL) < 0
                          ? previous.multipliedBy(2)
                          : LONGEST_POLL,
                  FIRST_POLL))
          .pollInSameThread()
          .dontCatchUncaughtExceptions()
          .until(
              () -> {
                Map<String, MessageFate> fates = actual.fates(entry);
                last.set(fates);
                return fates.values().stream().allMatch(f -> f == fate);
              });
      return this;
    } catch (ConditionTimeoutException e) {
      // Reported below with the fates last read.
    }
    List<String> fates = new ArrayList<>();
    for (Map.Entry<String, MessageFate> f : last.get().entrySet()) {
      int consumers = actual.consumerCount(f.getKey());
      fates.add(
          f.getValue().word()
              + " on queue \""
              + f.getKey()
              + "\""
              + (f.getValue() == MessageFate.QUEUED && consumers == 0
                  ? ", which nothing consumes"
                  : ""));
    }
    throw fail(to, "it is " + String.join(", ", fates));
  }

  private Duration remaining(long start) {
    long left = Durations.remaining(start, Durations.nanos(timeout));
    return Duration.ofNanos(Math.max(left, FIRST_POLL.toNanos()));
  }

  private String closestPublished(Wanted wanted, Expectation expectation) {
    List<JournalEntry> entries = actual.entries();
    if (entries.isEmpty()) {
      return "nothing was published on this host";
    }
    return JournalHints.closestClause(
        actual, JournalHints.closest(entries, wanted, expectation), wanted, expectation);
  }

  private ReceivedMessageAssert published(Wanted wanted, Expectation expectation) {
    if (softly == null) {
      return awaitPublished(wanted, expectation);
    }
    try {
      return awaitPublished(wanted, expectation);
    } catch (AssertionError e) {
      softly.collectAssertionError(e);
      return softly
          .proxy(ReceivedMessageAssert.class, ReceivedMessage.class, null)
          .as(
              "the message "
                  + expectation.describe()
                  + " published to "
                  + wanted
                  + " (none was, see the failure before)");
    }
  }

  private ReceivedMessageAssert awaitPublished(Wanted wanted, Expectation expectation) {
    isNotNull();
    List<JournalEntry> entries = actual.await(e -> first(e, wanted, expectation) != null, timeout);
    JournalEntry match = first(entries, wanted, expectation);
    if (match != null) {
      return softly == null
          ? new ReceivedMessageAssert(match.message())
          : softly.proxy(ReceivedMessageAssert.class, ReceivedMessage.class, match.message());
    }
    String to =
        "have "
            + expectation.describe()
            + " published to "
            + wanted
            + " within "
            + Describe.duration(timeout);
    if (entries.isEmpty()) {
      throw fail(to, "nothing was published on this host");
    }
    JournalEntry closest = JournalHints.closest(entries, wanted, expectation);
    long toWanted = entries.stream().filter(wanted::matches).count();
    throw fail(
        to,
        (toWanted == 0
                ? "nothing was published to " + wanted
                : "none of the "
                    + Describe.count((int) toWanted)
                    + " published to "
                    + wanted
                    + " matched")
            + "; "
            + JournalHints.closestClause(actual, closest, wanted, expectation)
            + ". Published on this host:"
            + JournalHints.list(actual, entries));
  }

  private static JournalEntry first(
      List<JournalEntry> entries, Wanted wanted, Expectation expectation) {
    for (JournalEntry entry : entries) {
      if (wanted.matches(entry) && expectation.mismatches(entry.message()).isEmpty()) {
        return entry;
      }
    }
    return null;
  }

  private List<JournalEntry> awaitTo(
      Wanted wanted, java.util.function.IntPredicate done, Duration wait) {
    List<JournalEntry> entries =
        actual.await(e -> done.test((int) e.stream().filter(wanted::matches).count()), wait);
    return entries.stream().filter(wanted::matches).toList();
  }

  private String publishedTo(Wanted wanted, List<JournalEntry> to) {
    if (to.isEmpty()) {
      String elsewhere = JournalHints.elsewhere(actual, wanted);
      return "nothing was published to " + wanted + (elsewhere.isEmpty() ? "" : "; " + elsewhere);
    }
    return Describe.count(to.size())
        + (to.size() == 1 ? " was" : " were")
        + " published to "
        + wanted
        + ":"
        + JournalHints.list(actual, to);
  }

  private AssertionError fail(String to, String but) {
    return failure("%s", HarnessAssertions.layout(SUBJECT, to, but));
  }

  private AssertionError differs(Object actualValue, Object expected, String to, String but) {
    return failureWithActualExpected(
        actualValue, expected, "%s", HarnessAssertions.layout(SUBJECT, to, but));
  }

  private static String requireName(String destination) {
    if (destination == null || destination.isBlank()) {
      throw new IllegalArgumentException(
          "Destination must be a queue or topic name but was "
              + (destination == null ? "null" : "\"" + destination + "\"")
              + ".");
    }
    return destination;
  }

  private static Duration requireDuration(String what, Duration duration) {
    return Durations.requireWait(what, duration);
  }
}
