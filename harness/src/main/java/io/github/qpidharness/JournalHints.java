package io.github.qpidharness;

import io.github.qpidharness.internal.Describe;
import io.github.qpidharness.internal.Expectation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The near-miss texts of journal and receiver failures: where messages went instead. */
final class JournalHints {
  private JournalHints() {}

  /** A destination a test expected: a name, and a kind if the test said which. */
  record Wanted(JournalEntry.DestinationKind kind, String name) {
    boolean matches(JournalEntry entry) {
      return entry.destination().equals(name) && (kind == null || entry.kind() == kind);
    }

    @Override
    public String toString() {
      return kind == null ? "\"" + name + "\"" : kind.word() + " \"" + name + "\"";
    }
  }

  /**
   * The entry closest to what was expected: fewest differences, counting another destination as
   * one, then the most similar destination name, then the latest.
   */
  static JournalEntry closest(List<JournalEntry> entries, Wanted wanted, Expectation expectation) {
    JournalEntry best = null;
    int bestScore = Integer.MAX_VALUE;
    int bestDistance = Integer.MAX_VALUE;
    for (JournalEntry entry : entries) {
      int score = expectation.mismatches(entry.message()).size() + (wanted.matches(entry) ? 0 : 1);
      int distance = distance(entry.destination(), wanted.name());
      if (score < bestScore || (score == bestScore && distance <= bestDistance)) {
        best = entry;
        bestScore = score;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * E.g. {@code the closest message on this host was published to topic "event" rather than
   * "events"}.
   */
  static String closestClause(
      MessageJournal journal, JournalEntry entry, Wanted wanted, Expectation expectation) {
    boolean sameDestination = wanted.matches(entry);
    StringBuilder s =
        new StringBuilder("the closest message on this host was published to ")
            .append(entry.describeDestination());
    if (!sameDestination) {
      s.append(" rather than ").append(wanted);
    }
    s.append(fate(journal, entry));
    List<String> mismatches = expectation.mismatches(entry.message());
    if (!mismatches.isEmpty()) {
      s.append(sameDestination ? " but differs in " : ", and differs in ")
          .append(String.join("; ", mismatches));
    }
    return s.toString();
  }

  /**
   * Where the messages that did not go to {@code wanted} went, for a failure that found nothing
   * there: {@code 1 message was published to queue "orders" on this host, which nothing consumes};
   * empty if the host published nothing elsewhere.
   */
  static String elsewhere(MessageJournal journal, Wanted wanted) {
    Map<String, List<JournalEntry>> byDestination = new LinkedHashMap<>();
    for (JournalEntry entry : journal.entries()) {
      // A message that reached the name but no queue (a topic before its subscriber) counts too.
      if (!wanted.matches(entry) || entry.routedNowhere()) {
        byDestination
            .computeIfAbsent(entry.describeDestination(), d -> new ArrayList<>())
            .add(entry);
      }
    }
    List<JournalEntry> best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (List<JournalEntry> group : byDestination.values()) {
      int distance = distance(group.get(0).destination(), wanted.name());
      if (distance < bestDistance) {
        best = group;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return "";
    }
    JournalEntry first = best.get(best.size() - 1);
    String s =
        Describe.count(best.size())
            + (best.size() == 1 ? " was" : " were")
            + " published to "
            + first.describeDestination()
            + " on this host"
            + fate(journal, first);
    int others = byDestination.size() - 1;
    return others == 0
        ? s
        : s + " (and messages to " + others + " other destination" + (others == 1 ? ")" : "s)");
  }

  /** Why nothing may have seen the message: {@code , which nothing consumes}; or empty. */
  private static String fate(MessageJournal journal, JournalEntry entry) {
    if (entry.routedNowhere()) {
      return entry.kind() == JournalEntry.DestinationKind.TOPIC
          ? ", which routed it nowhere (no subscriber)"
          : ", which routed it nowhere (no queue bound for its routing key)";
    }
    if (entry.kind() == JournalEntry.DestinationKind.QUEUE
        && journal.consumerCount(entry.destination()) == 0) {
      return ", which nothing consumes";
    }
    return "";
  }

  /**
   * Numbered lines, one per entry, at most {@link Describe#MAX_MESSAGES}, then the rest counted.
   */
  static String list(MessageJournal journal, List<JournalEntry> entries) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < entries.size(); i++) {
      if (i == Describe.MAX_MESSAGES) {
        s.append("\n  ... and ").append(entries.size() - Describe.MAX_MESSAGES).append(" more");
        break;
      }
      s.append("\n  ").append(i + 1).append(". ").append(entries.get(i));
    }
    if (journal.dropped() > 0) {
      s.append("\n  (the journal was full: it keeps the first ")
          .append(journal.capacity())
          .append(" messages or 64 MB of bodies of a test; ")
          .append(journal.dropped())
          .append(journal.dropped() == 1 ? " later one is" : " later ones are")
          .append(" not in it)");
    }
    return s.toString();
  }

  /** Edit distance, ignoring case differences at half weight: close names sort first. */
  static int distance(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1, previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length()] * 2 + (a.equals(b) || !x.equals(y) ? 0 : 1);
  }
}
