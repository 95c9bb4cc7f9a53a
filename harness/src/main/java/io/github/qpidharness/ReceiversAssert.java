package io.github.qpidharness;

import io.github.qpidharness.internal.Describe;
import io.github.qpidharness.internal.Durations;
import io.github.qpidharness.internal.MultiWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on several receivers (or other {@link CollectedMessages}, e.g. a journal's
 * view of a destination) together: fan-out (each gets every message) and competing consumers (each
 * message reaches exactly one), matched by message id.
 *
 * <p>Both wait until every expected message arrived or the timeout passed, waking on each arrival.
 * They return as soon as the set is complete, without a quiet period: a duplicate arriving later
 * goes unseen. Messages that are not in the set are ignored.
 */
public class ReceiversAssert extends AbstractAssert<ReceiversAssert, List<CollectedMessages>> {
  private final List<CollectedMessages> receivers;
  private Duration timeout = HarnessTimeouts.defaultReceiveTimeout();

  /**
   * Assertions on {@code receivers} (one or more, none null); {@link
   * HarnessAssertions#assertThatReceivers(List)} reads better.
   */
  public ReceiversAssert(List<? extends CollectedMessages> receivers) {
    super(HarnessAssertions.receivers(receivers), ReceiversAssert.class);
    this.receivers = actual;
  }

  /** Waits up to {@code timeout} instead of {@link HarnessTimeouts#defaultReceiveTimeout()}. */
  public ReceiversAssert within(Duration timeout) {
    this.timeout = Durations.requireWait("Timeout", timeout);
    return this;
  }

  /** Fan-out: every receiver receives every one of {@code sent} exactly once. */
  public ReceiversAssert fanOut(Collection<SentMessage> sent) {
    isNotNull();
    Tally tally = new Tally(sent);
    long start = System.nanoTime();
    MultiWait.await(receivers, tally::add, tally::everyReceiverHasAll, timeout);
    if (!tally.fanOutHolds()) {
      StringBuilder but = new StringBuilder("after ").append(Describe.since(start)).append(':');
      for (int r = 0; r < receivers.size(); r++) {
        List<SentMessage> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (SentMessage message : tally.sent.values()) {
          int n = tally.count(r, message.messageId());
          if (n == 0) {
            missing.add(message);
          } else if (n > 1) {
            duplicated.add(Describe.sent(message) + " (" + n + " times)");
          }
        }
        but.append("\n  ")
            .append(label(r))
            .append(": got ")
            .append(tally.distinct[r])
            .append(" of ")
            .append(tally.sent.size())
            .append(", missing ")
            .append(missing.size())
            .append(", duplicated ")
            .append(duplicated.size());
        appendList(but, "    missing", missing.stream().map(Describe::sent).toList());
        appendList(but, "    duplicated", duplicated);
      }
      throw fail(
          receiversLabel(),
          (receivers.size() == 1 ? "receive " : "each receive ")
              + "every one of "
              + Describe.count(tally.sent.size())
              + " exactly once within "
              + Describe.duration(timeout),
          but.toString());
    }
    return this;
  }

  /** Competing consumers: each of {@code sent} reaches exactly one receiver, exactly once. */
  public ReceiversAssert competeFor(Collection<SentMessage> sent) {
    isNotNull();
    Tally tally = new Tally(sent);
    long start = System.nanoTime();
    MultiWait.await(receivers, tally::add, tally::allArrivedSomewhere, timeout);
    List<String> missing = new ArrayList<>();
    Map<Integer, List<String>> duplicatedPerReceiver = new LinkedHashMap<>();
    for (SentMessage message : tally.sent.values()) {
      String id = message.messageId();
      int total = tally.total.getOrDefault(id, 0);
      if (total == 0) {
        missing.add(Describe.sent(message));
      } else if (total > 1) {
        List<String> where = new ArrayList<>();
        for (int r = 0; r < receivers.size(); r++) {
          if (tally.count(r, id) > 0) {
            where.add("receiver " + (r + 1) + " x" + tally.count(r, id));
          }
        }
        for (int r = 0; r < receivers.size(); r++) {
          if (tally.count(r, id) > 0) {
            duplicatedPerReceiver
                .computeIfAbsent(r, k -> new ArrayList<>())
                .add(Describe.sent(message) + " (" + String.join(", ", where) + ")");
          }
        }
      }
    }
    if (!missing.isEmpty() || !duplicatedPerReceiver.isEmpty()) {
      StringBuilder but =
          new StringBuilder("after ")
              .append(Describe.since(start))
              .append(": ")
              .append(missing.size())
              .append(" reached no receiver, ")
              .append(tally.duplicates())
              .append(" reached several receivers or one twice:");
      appendList(but, "  missing (reached no receiver)", missing);
      for (int r = 0; r < receivers.size(); r++) {
        List<String> duplicated = duplicatedPerReceiver.getOrDefault(r, List.of());
        but.append("\n  ")
            .append(label(r))
            .append(": got ")
            .append(tally.distinct[r])
            .append(" of ")
            .append(tally.sent.size())
            .append(", duplicated ")
            .append(duplicated.size());
        appendList(but, "    duplicated", duplicated);
      }
      throw fail(
          receiversLabel(),
          "share "
              + Describe.count(tally.sent.size())
              + ", each reaching exactly one receiver once, within "
              + Describe.duration(timeout),
          but.toString());
    }
    return this;
  }

  private AssertionError fail(String expecting, String to, String but) {
    return failure("%s", HarnessAssertions.layout(expecting, to, but));
  }

  private String label(int r) {
    return "receiver " + (r + 1) + " (" + receivers.get(r).description() + ")";
  }

  private String receiversLabel() {
    if (receivers.size() == 1) {
      return receivers.get(0).description().toString();
    }
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < receivers.size(); r++) {
      labels.add((r + 1) + ": " + receivers.get(r).description());
    }
    return receivers.size() + " receivers [" + String.join(", ", labels) + "]";
  }

  /** Adds one line per item, each starting with {@code label} (which carries the indent). */
  private static void appendList(StringBuilder s, String label, List<String> items) {
    for (int i = 0; i < items.size(); i++) {
      if (i == Describe.MAX_MESSAGES) {
        s.append("\n").append(label).append(": ... and ").append(items.size() - i).append(" more");
        break;
      }
      s.append("\n").append(label).append(": ").append(items.get(i));
    }
  }

  /** Counts, per receiver and in total, how often each expected message id arrived. */
  private final class Tally {
    final Map<String, SentMessage> sent = new LinkedHashMap<>();
    final List<Map<String, Integer>> counts = new ArrayList<>();
    final Map<String, Integer> total = new HashMap<>();
    final int[] distinct = new int[receivers.size()];

    Tally(Collection<SentMessage> messages) {
      Objects.requireNonNull(messages, "sent");
      if (messages.isEmpty()) {
        throw new IllegalArgumentException(
            "The set of sent messages is empty; pass the SentMessage values that send(...)"
                + " returned.");
      }
      for (SentMessage message : messages) {
        sent.put(Objects.requireNonNull(message, "sent messages").messageId(), message);
      }
      for (int r = 0; r < receivers.size(); r++) {
        counts.add(new HashMap<>());
      }
    }

    void add(int receiver, ReceivedMessage message) {
      String id = message.messageId();
      if (sent.containsKey(id)) {
        if (counts.get(receiver).merge(id, 1, Integer::sum) == 1) {
          distinct[receiver]++;
        }
        total.merge(id, 1, Integer::sum);
      }
    }

    int count(int receiver, String id) {
      return counts.get(receiver).getOrDefault(id, 0);
    }

    boolean everyReceiverHasAll() {
      for (int n : distinct) {
        if (n < sent.size()) {
          return false;
        }
      }
      return true;
    }

    boolean fanOutHolds() {
      for (int r = 0; r < receivers.size(); r++) {
        if (distinct[r] != sent.size() || counts.get(r).values().stream().anyMatch(n -> n > 1)) {
          return false;
        }
      }
      return true;
    }

    boolean allArrivedSomewhere() {
      return total.size() == sent.size();
    }

    long duplicates() {
      return total.values().stream().filter(n -> n > 1).count();
    }
  }
}
