package io.github.qpidharness.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.WithBroker;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithBroker
class QueueVsTopicDemoTest {

  @Test
  void theDemoShowsTheQueueSplittingAndTheTopicCopying(TestBroker broker) {
    String output = QueueVsTopicDemo.run(broker, 4);
    String[] parts = output.split("\n\n");
    List<String> queueRows = rows(parts[0]);
    List<String> topicRows = rows(parts[1]);

    assertThat(queueRows)
        .hasSize(4)
        .allSatisfy(row -> assertThat(count(row, "got it")).isEqualTo(1));
    assertThat(topicRows)
        .hasSize(4)
        .allSatisfy(row -> assertThat(count(row, "got it")).isEqualTo(2));
    assertThat(parts[0]).startsWith("QUEUE \"orders\"");
    assertThat(parts[1]).startsWith("TOPIC \"events\"");
    assertThat(count(totalRow(parts[1]), "4 of 4")).isEqualTo(2);
  }

  private static List<String> rows(String table) {
    return table.lines().filter(line -> line.trim().startsWith("Testing at")).toList();
  }

  private static String totalRow(String table) {
    return table
        .lines()
        .filter(line -> line.trim().startsWith("total received"))
        .findFirst()
        .orElseThrow();
  }

  private static int count(String row, String word) {
    return row.split(word, -1).length - 1;
  }
}
