package io.github.qpidharness;

import io.github.qpidharness.internal.Describe;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What became of a list of sent messages after a fault: which were lost, which arrived more than
 * once, which arrived marked redelivered, and what arrived that was not sent, matched by JMS
 * message id.
 *
 * <p>Build one from any record of arrivals, e.g. {@code DeliveryReport.of(sent,
 * receiver.received())}; {@link ReceiverAssert#receivesAllOf(Collection)} builds one and fails with
 * it. Its lists keep every entry; {@link #toString()} shows the first {@value #SHOWN} of each.
 */
public final class DeliveryReport {
  /** How many entries of each list {@link #toString()} shows. */
  public static final int SHOWN = 20;

  private final int sent;
  private final int received;
  private final List<SentMessage> lost;
  private final Map<SentMessage, Integer> duplicated;
  private final List<ReceivedMessage> redelivered;
  private final List<ReceivedMessage> unexpected;

  private DeliveryReport(
      int sent,
      int received,
      List<SentMessage> lost,
      Map<SentMessage, Integer> duplicated,
      List<ReceivedMessage> redelivered,
      List<ReceivedMessage> unexpected) {
    this.sent = sent;
    this.received = received;
    this.lost = List.copyOf(lost);
    this.duplicated = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(duplicated));
    this.redelivered = List.copyOf(redelivered);
    this.unexpected = List.copyOf(unexpected);
  }

  /**
   * Compares {@code sent} with {@code received}, in the order given.
   *
   * @throws IllegalArgumentException if either is null or holds null, or two sent messages share a
   *     message id
   */
  public static DeliveryReport of(
      Collection<SentMessage> sent, Collection<ReceivedMessage> received) {
    if (sent == null || received == null) {
      throw new IllegalArgumentException(
          "DeliveryReport.of needs the sent and the received messages; pass an empty list for"
              + " none.");
    }
    Map<String, SentMessage> byId = new LinkedHashMap<>();
    for (SentMessage message : sent) {
      Objects.requireNonNull(message, "a sent message in the list is null");
      if (byId.putIfAbsent(message.messageId(), message) != null) {
        throw new IllegalArgumentException(
            "Message id "
                + message.messageId()
                + " is listed twice among the sent messages; list each sent message once.");
      }
    }
    Map<String, Integer> copies = new LinkedHashMap<>();
    List<ReceivedMessage> redelivered = new ArrayList<>();
    List<ReceivedMessage> unexpected = new ArrayList<>();
    for (ReceivedMessage message : received) {
      Objects.requireNonNull(message, "a received message in the list is null");
      if (message.redelivered()) {
        redelivered.add(message);
      }
      if (byId.containsKey(message.messageId())) {
        copies.merge(message.messageId(), 1, Integer::sum);
      } else {
        unexpected.add(message);
      }
    }
    List<SentMessage> lost = new ArrayList<>();
    Map<SentMessage, Integer> duplicated = new LinkedHashMap<>();
    for (SentMessage message : byId.values()) {
      int n = copies.getOrDefault(message.messageId(), 0);
      if (n == 0) {
        lost.add(message);
      } else if (n > 1) {
        duplicated.put(message, n);
      }
    }
    return new DeliveryReport(
        byId.size(), received.size(), lost, duplicated, redelivered, unexpected);
  }

  /** The sent messages that never arrived, in the order sent. */
  public List<SentMessage> lost() {
    return lost;
  }

  /** The sent messages that arrived more than once, each with how many times it arrived. */
  public Map<SentMessage, Integer> duplicated() {
    return duplicated;
  }

  /** How many arrivals were extra copies of a message that had arrived already. */
  public int duplicates() {
    int extra = 0;
    for (int n : duplicated.values()) {
      extra += n - 1;
    }
    return extra;
  }

  /** The arrivals marked redelivered ({@code JMSRedelivered}), in the order they arrived. */
  public List<ReceivedMessage> redelivered() {
    return redelivered;
  }

  /** The arrivals that match no sent message, in the order they arrived. */
  public List<ReceivedMessage> unexpected() {
    return unexpected;
  }

  /** True if every sent message arrived at least once. */
  public boolean nothingLost() {
    return lost.isEmpty();
  }

  /** True if every sent message arrived exactly once and nothing else arrived. */
  public boolean exactlyOnce() {
    return lost.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty();
  }

  /**
   * A summary line, then each non-empty list: {@code 3 sent, 4 received: 1 lost, 1 duplicated (1
   * extra copy), 1 redelivered, 0 unexpected}.
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append(sent)
        .append(" sent, ")
        .append(received)
        .append(" received: ")
        .append(lost.size())
        .append(" lost, ")
        .append(duplicated.size())
        .append(" duplicated (")
        .append(duplicates())
        .append(duplicates() == 1 ? " extra copy), " : " extra copies), ")
        .append(redelivered.size())
        .append(" redelivered, ")
        .append(unexpected.size())
        .append(" unexpected");
    list(s, "lost", lost.stream().map(Describe::sent).toList());
    list(
        s,
        "duplicated",
        duplicated.entrySet().stream()
            .map(e -> Describe.sent(e.getKey()) + " arrived " + e.getValue() + " times")
            .toList());
    list(
        s,
        "redelivered",
        redelivered.stream().map(m -> m.messageId() + " " + Describe.message(m)).toList());
    list(
        s,
        "unexpected",
        unexpected.stream().map(m -> m.messageId() + " " + Describe.message(m)).toList());
    return s.toString();
  }

  private static void list(StringBuilder s, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    s.append("\n").append(title).append(':');
    for (int i = 0; i < lines.size(); i++) {
      if (i == SHOWN) {
        s.append("\n  ... and ").append(lines.size() - SHOWN).append(" more");
        break;
      }
      s.append("\n  ").append(i + 1).append(". ").append(lines.get(i));
    }
  }
}
