package io.github.qpidharness;

import io.github.qpidharness.internal.Describe;
import io.github.qpidharness.internal.JournalRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message the broker received at a destination of a host: where it was sent, what it held, when
 * it arrived and which queues the broker gave a copy.
 */
public final class JournalEntry {
  /** What kind of destination a message was sent to. */
  public enum DestinationKind {
    /** A queue, sent to by its name. */
    QUEUE,
    /** A topic: a topic exchange of the host's own. */
    TOPIC,
    /** Any other exchange, e.g. the built-in {@code amq.direct} or {@code amq.topic}. */
    EXCHANGE;

    /** The word failure messages use: "queue", "topic", "exchange". */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final DestinationKind kind;
  private final String destination;
  private final String routingKey;
  private final ReceivedMessage message;
  private final Instant arrivedAt;
  private final List<String> routedTo;
  private final JournalRecord record;

  JournalEntry(
      JournalRecord record,
      DestinationKind kind,
      String destination,
      String routingKey,
      ReceivedMessage message,
      Instant arrivedAt,
      List<String> routedTo) {
    this.kind = Objects.requireNonNull(kind);
    this.destination = Objects.requireNonNull(destination);
    this.routingKey = Objects.requireNonNull(routingKey);
    this.message = Objects.requireNonNull(message);
    this.arrivedAt = Objects.requireNonNull(arrivedAt);
    this.routedTo = List.copyOf(routedTo);
    this.record = record;
  }

  /** What the broker recorded, for the fate lookups of the journal. */
  JournalRecord record() {
    return record;
  }

  /** The kind of destination the message was sent to. */
  public DestinationKind kind() {
    return kind;
  }

  /** The name of the queue, topic or exchange the message was sent to. */
  public String destination() {
    return destination;
  }

  /**
   * The routing key an exchange routed by (e.g. {@code key} of {@code amq.direct/key}); "" else.
   */
  public String routingKey() {
    return routingKey;
  }

  /** The message as sent: body, properties and headers, copied when the broker routed it. */
  public ReceivedMessage message() {
    return message;
  }

  /** When the broker received the message. */
  public Instant arrivedAt() {
    return arrivedAt;
  }

  /** The queues the broker put a copy on, in routing order; empty if it routed nowhere. */
  public List<String> routedTo() {
    return routedTo;
  }

  /** True if the broker put the message on no queue. */
  public boolean routedNowhere() {
    return routedTo.isEmpty();
  }

  /** E.g. {@code topic "events"} or {@code exchange "amq.direct" (routing key "k")}. */
  public String describeDestination() {
    String text = kind.word() + " \"" + destination + "\"";
    return routingKey.isEmpty() ? text : text + " (routing key \"" + routingKey + "\")";
  }

  @Override
  public String toString() {
    return describeDestination()
        + ": "
        + Describe.message(message)
        + " -> "
        + (routedTo.isEmpty() ? "routed nowhere" : "queues " + routedTo);
  }
}
