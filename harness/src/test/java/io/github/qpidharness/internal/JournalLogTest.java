package io.github.qpidharness.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.BodyType;
import io.github.qpidharness.JournalEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class JournalLogTest {
  public static JournalRecord record(String text) {
    return new JournalRecord(
        JournalEntry.DestinationKind.QUEUE,
        "q",
        "",
        BodyType.TEXT,
        text,
        Map.of(),
        "ID:" + text,
        null,
        null,
        null,
        4,
        false,
        0,
        0,
        Instant.EPOCH,
        List.of("q"),
        1);
  }

  @Test
  void pastItsCapacityTheLogKeepsTheFirstRecordsAndCountsTheRest() {
    JournalLog log = new JournalLog(2, name -> -1);
    log.add(record("a"));
    log.add(record("b"));
    log.add(record("c"));

    assertThat(log.records()).extracting(JournalRecord::body).containsExactly("a", "b");
    assertThat(log.dropped()).isEqualTo(1);
    assertThat(log.total()).isEqualTo(3);
  }

  @Test
  void clearForgetsRecordsAndTheDroppedCount() {
    JournalLog log = new JournalLog(1, name -> -1);
    log.add(record("a"));
    log.add(record("b"));
    log.clear();

    assertThat(log.records()).isEmpty();
    assertThat(log.dropped()).isZero();
  }

  @Test
  void aWaitEndsWhenARecordArrivesAndTimesOutOtherwise() throws Exception {
    JournalLog log = new JournalLog(10, name -> -1);
    assertThat(log.awaitMoreThan(0, 1_000_000)).isFalse();
    Thread adder = new Thread(() -> log.add(record("a")));
    adder.start();
    assertThat(log.awaitMoreThan(0, Long.MAX_VALUE)).isTrue();
    adder.join();
  }

  @Test
  void aCapacityBelowOneIsRejected() {
    assertThatThrownBy(() -> new JournalLog(0, name -> -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Journal capacity must be positive, was 0; pass at least 1.");
  }

  @Test
  void pastItsBodyBytesTheLogKeepsNoMoreRecords() {
    JournalLog log = new JournalLog(10, 4, name -> -1, (queue, number) -> null);
    log.add(record("a"));
    log.add(record("b"));
    log.add(record("c"));

    assertThat(log.records()).extracting(JournalRecord::body).containsExactly("a", "b");
    assertThat(log.dropped()).isEqualTo(1);
  }

  @Test
  void aLogNotRecordingIgnoresRecordsUntilTurnedBackOn() {
    JournalLog log = new JournalLog(10, name -> -1);
    log.recording(false);
    log.add(record("a"));
    log.recording(true);
    log.add(record("b"));

    assertThat(log.records()).extracting(JournalRecord::body).containsExactly("b");
  }
}
