package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * {@link DeliveryReport} and {@link ReceiverAssert#receivesAllOf}: lost, duplicated, redelivered.
 */
class DeliveryReportTest extends OnIsolatedHost {
  @Test
  void aReportListsEachLostDuplicatedRedeliveredAndUnexpectedMessage() throws Exception {
    MessageSender sender = host.queueSender("q");
    SentMessage kept = sender.send("kept");
    SentMessage twice = sender.send("twice");
    SentMessage lost = host.queueSender("elsewhere").send("lost");
    SentMessage stranger = sender.send("not in the list");
    redeliverOnce("q");
    MessageReceiver receiver = host.queueReceiver("q");
    List<ReceivedMessage> arrived = receiver.receive(3, HarnessTimeouts.defaultReceiveTimeout());
    List<ReceivedMessage> withCopy = new ArrayList<>(arrived);
    withCopy.add(arrived.get(1));

    DeliveryReport report = DeliveryReport.of(List.of(kept, twice, lost), withCopy);

    assertThat(report.lost()).containsExactly(lost);
    assertThat(report.duplicated()).containsExactly(java.util.Map.entry(twice, 2));
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(report.redelivered()).extracting(ReceivedMessage::text).contains("kept");
    assertThat(report.unexpected())
        .extracting(ReceivedMessage::messageId)
        .containsExactly(stranger.messageId());
    assertThat(report.nothingLost()).isFalse();
    assertThat(report.exactlyOnce()).isFalse();
    assertThat(report.toString())
        .startsWith("3 sent, 4 received: 1 lost, 1 duplicated (1 extra copy), ")
        .contains("\nlost:\n  1. " + lost.messageId() + " \"lost\" {}")
        .contains("\nduplicated:\n  1. " + twice.messageId() + " \"twice\" {} arrived 2 times")
        .contains("\nunexpected:\n  1. " + stranger.messageId() + " \"not in the list\"");
  }

  @Test
  void everyMessageOnceIsExactlyOnce() {
    MessageReceiver receiver = host.queueReceiver("q");
    List<SentMessage> sent =
        List.of(host.queueSender("q").send("a"), host.queueSender("q").send("b"));
    List<ReceivedMessage> arrived = receiver.receive(2, HarnessTimeouts.defaultReceiveTimeout());

    DeliveryReport report = DeliveryReport.of(sent, arrived);

    assertThat(report.exactlyOnce()).isTrue();
    assertThat(report)
        .hasToString(
            "2 sent, 2 received: 0 lost, 0 duplicated (0 extra copies), 0 redelivered, 0 unexpected");
  }

  @Test
  void receivesAllOfPassesWithDuplicatesAndFailsListingTheLostOnes() {
    MessageReceiver receiver = host.queueReceiver("q");
    SentMessage arrives = host.queueSender("q").send("arrives");
    SentMessage lost = host.queueSender("elsewhere").send("lost");

    HarnessAssertions.assertThat(receiver).receivesAllOf(List.of(arrives));
    AssertionFailedError failure =
        (AssertionFailedError)
            catchThrowable(
                () ->
                    HarnessAssertions.assertThat(receiver)
                        .within(Duration.ofMillis(100))
                        .receivesAllOf(List.of(arrives, lost)));

    assertThat(failure.getActual().getValue()).isEqualTo(1);
    assertThat(failure.getExpected().getValue()).isEqualTo(0);
    assertThat(failure.getMessage())
        .startsWith(
            "Expecting queue \"q\"\nto receive each of the 2 messages sent at least once within 100 ms\nbut ")
        .contains(" later 1 had not arrived: 2 sent, 1 received: 1 lost,")
        .contains("\nlost:\n  1. " + lost.messageId() + " \"lost\" {}");
  }

  @Test
  void aSentMessageListedTwiceIsRefused() {
    SentMessage once = host.queueSender("q").send("once");
    assertThatThrownBy(() -> DeliveryReport.of(List.of(once, once), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Message id "
                + once.messageId()
                + " is listed twice among the sent messages; list each sent message once.");
    assertThatThrownBy(() -> DeliveryReport.of(null, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Takes the queue's first message without acknowledging it, so it goes back redelivered. */
  private void redeliverOnce(String queue) throws Exception {
    try (Connection connection = host.connectionFactory().createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
      Message taken = consumer.receive(HarnessTimeouts.clientTimeout().toMillis());
      assertThat(taken).isNotNull();
    }
  }
}
