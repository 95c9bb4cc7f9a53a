package io.github.qpidharness;

import io.github.qpidharness.internal.Durations;
import io.github.qpidharness.internal.JournalLog;
import io.github.qpidharness.internal.JournalRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a host's destinations received, recorded by the broker from the moment the host was handed
 * out: every message sent to its queues, topics and exchanges, including those routed nowhere,
 * without consuming any. Assert on it with {@link HarnessAssertions#assertThat(MessageJournal)}.
 *
 * <p>Only messages the broker accepted at a destination are in it: a send to a name that does not
 * exist at all is refused by the broker (the sender gets an error) and reaches no destination. A
 * journal keeps at most {@link #capacity()} entries (100,000) and 64 MB of message bodies per
 * hand-out of its host; {@link #dropped()} counts the messages past that, and a failure says so.
 */
public final class MessageJournal {
  private final JournalLog log;
  private final String host;
  private final List<JournalEntry> converted = new ArrayList<>();
  private List<JournalRecord> convertedFrom = List.of();

  /** Waits until the host settles ({@link TestBroker#awaitSettled(Duration)}), or null. */
  private final Consumer<Duration> settler;

  /** A view of a host's journal; the harness makes them, see {@link TestBroker#journal()}. */
  public MessageJournal(JournalLog log, String host) {
    this(log, host, null);
  }

  /**
   * A view of a host's journal whose assertions can wait for the host to settle with {@code
   * settler}; the harness makes them, see {@link TestBroker#journal()}.
   */
  public MessageJournal(JournalLog log, String host, Consumer<Duration> settler) {
    this.log = Objects.requireNonNull(log, "log");
    this.host = Objects.requireNonNull(host, "host");
    this.settler = settler;
  }

  /** Waits until the journal's host settles, for {@link MessageJournalAssert#untilSettled()}. */
  void awaitHostSettled(Duration timeout) {
    if (settler == null) {
      throw new IllegalArgumentException(
          "untilSettled() needs the journal of a host (TestBroker.journal()); this one of host \""
              + host
              + "\" cannot wait for its host: use withQuietPeriod(...) instead.");
    }
    settler.accept(timeout);
  }

  /** Every entry so far, in the order the broker received the messages. */
  public List<JournalEntry> entries() {
    List<JournalRecord> records = log.records();
    synchronized (converted) {
      if (records.size() < converted.size()
          || (!converted.isEmpty() && convertedFrom.get(0) != records.get(0))) {
        converted.clear();
      }
      for (int i = converted.size(); i < records.size(); i++) {
        converted.add(entry(records.get(i)));
      }
      convertedFrom = records;
      return List.copyOf(converted);
    }
  }

  /** The entries sent to the queue, topic or exchange named {@code destination}, in order. */
  public List<JournalEntry> entriesTo(String destination) {
    Objects.requireNonNull(destination, "destination");
    List<JournalEntry> to = new ArrayList<>();
    for (JournalEntry entry : entries()) {
      if (entry.destination().equals(destination)) {
        to.add(entry);
      }
    }
    return List.copyOf(to);
  }

  /** The messages sent to {@code destination}, in order. */
  public List<ReceivedMessage> messagesTo(String destination) {
    return entriesTo(destination).stream().map(JournalEntry::message).toList();
  }

  /**
   * The messages published to {@code destination} as a source of collected messages, growing as
   * more arrive: pass it to {@code assertThatReceivers(...).fanOut(sent)} or {@code competeFor}
   * next to receivers, or check that each sent message was published once.
   */
  public CollectedMessages publishedTo(String destination) {
    Objects.requireNonNull(destination, "destination");
    return new CollectedMessages() {
      @Override
      public String description() {
        return "the journal of \"" + destination + "\"";
      }

      @Override
      public List<ReceivedMessage> received() {
        return messagesTo(destination);
      }

      @Override
      public Registration onArrival(Runnable listener) {
        return log.onArrival(listener);
      }

      @Override
      public boolean isClosed() {
        return false;
      }

      @Override
      public String toString() {
        return description();
      }
    };
  }

  /**
   * Where messages went that a test waiting on {@code destination} may have meant: the closest
   * other destination that got messages, e.g. {@code 1 message was published to queue "orders" on
   * this host, which nothing consumes}; empty if the host published nothing elsewhere.
   */
  public Optional<String> nearMiss(String destination) {
    Objects.requireNonNull(destination, "destination");
    String hint = JournalHints.elsewhere(this, new JournalHints.Wanted(null, destination));
    return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
  }

  /**
   * A report of the journal for a failure log: one line per entry (destination, body summary,
   * properties, where it was routed), at most {@code maxEntries} of them, the rest counted.
   */
  public String report(int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException(
          "maxEntries must be 0 or more but was " + maxEntries + ".");
    }
    List<JournalEntry> entries = entries();
    StringBuilder s =
        new StringBuilder(entries.isEmpty() ? "Nothing was published" : "Published")
            .append(" on host \"")
            .append(host)
            .append("\" during the test");
    if (entries.isEmpty()) {
      return s.toString();
    }
    s.append(" (").append(entries.size()).append(entries.size() == 1 ? " message" : " messages");
    s.append("):");
    for (int i = 0; i < entries.size() && i < maxEntries; i++) {
      s.append("\n  ").append(i + 1).append(". ").append(entries.get(i));
    }
    if (entries.size() > maxEntries) {
      s.append("\n  ... and ").append(entries.size() - maxEntries).append(" more");
    }
    if (dropped() > 0) {
      s.append("\n  (and ").append(dropped()).append(" past the journal's capacity)");
    }
    return s.toString();
  }

  /**
   * What became of {@code entry}'s copy on each queue it was routed to, as the broker tells it now
   * (queued, delivering, consumed, dead-lettered, expired), in routing order.
   *
   * @throws IllegalArgumentException if the entry is not from this journal
   */
  public Map<String, MessageFate> fates(JournalEntry entry) {
    JournalRecord record = recordOf(entry);
    Map<String, MessageFate> fates = new LinkedHashMap<>();
    for (String queue : record.routedTo()) {
      fates.put(queue, log.fate(record, queue));
    }
    return Collections.unmodifiableMap(fates);
  }

  private JournalRecord recordOf(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    for (JournalRecord record : log.records()) {
      if (record == entry.record()) {
        return record;
      }
    }
    throw new IllegalArgumentException(
        "Entry "
            + entry
            + " is not in the journal of host \""
            + host
            + "\" (any more); pass an entry of host.journal().entries().");
  }

  /** How many entries the journal keeps at most; later messages are counted in {@link #dropped}. */
  public int capacity() {
    return log.capacity();
  }

  /** How many messages arrived after the journal was full and are not in it. */
  public long dropped() {
    return log.dropped();
  }

  /**
   * Waits until {@code done} holds for the entries or {@code timeout} passes; returns the entries
   * last seen.
   */
  List<JournalEntry> await(Predicate<List<JournalEntry>> done, Duration timeout) {
    long start = System.nanoTime();
    long total = Durations.nanos(timeout);
    while (true) {
      long seen = log.total();
      List<JournalEntry> entries = entries();
      long remaining = Durations.remaining(start, total);
      if (done.test(entries) || remaining <= 0) {
        return entries;
      }
      try {
        log.awaitMoreThan(seen, remaining);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return entries();
      }
    }
  }

  /** Consumers on queue {@code name} now; -1 if the host has no such queue. */
  int consumerCount(String name) {
    return log.consumerCount(name);
  }

  /** The name of the host whose journal this is. */
  String host() {
    return host;
  }

  JournalLog log() {
    return log;
  }

  private static JournalEntry entry(JournalRecord record) {
    return new JournalEntry(
        record,
        record.kind(),
        record.destination(),
        record.routingKey(),
        new ReceivedMessage(record),
        record.arrivedAt(),
        record.routedTo());
  }

  @Override
  public String toString() {
    return "MessageJournal of host " + host + " (" + entries().size() + " entries)";
  }
}
