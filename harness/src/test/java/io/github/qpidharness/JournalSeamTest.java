package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker-side seam of the journal sees every kind of send, routed as the broker routed it. */
class JournalSeamTest extends OnIsolatedHost {
  @Test
  void aQueueSendIsRecordedAsRoutedToThatQueue() {
    host.queueSender("orders").message("o1").property("n", 1).send();

    JournalEntry entry = host.journal().entries().get(0);
    assertThat(entry.kind()).isEqualTo(JournalEntry.DestinationKind.QUEUE);
    assertThat(entry.destination()).isEqualTo("orders");
    assertThat(entry.message().text()).isEqualTo("o1");
    assertThat(entry.message().properties()).containsEntry("n", 1);
    assertThat(entry.routedTo()).containsExactly("orders");
  }

  @Test
  void aTopicSendWithNoSubscriberIsRecordedAsRoutedNowhere() {
    host.topicSender("events").message("e1").send();

    JournalEntry entry = host.journal().entries().get(0);
    assertThat(entry.kind()).isEqualTo(JournalEntry.DestinationKind.TOPIC);
    assertThat(entry.routedNowhere()).isTrue();
  }

  @Test
  void aTopicSendWithTwoSubscribersIsRecordedOnceRoutedToTwoQueues() {
    MessageReceiver first = host.topicSubscriber("events");
    MessageReceiver second = host.topicSubscriber("events");

    host.topicSender("events").message("e1").send();

    assertThat(first.receive().text()).isEqualTo("e1");
    assertThat(second.receive().text()).isEqualTo("e1");
    List<JournalEntry> entries = host.journal().entries();
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).routedTo()).hasSize(2);
  }

  @Test
  void aSendToAmqDirectWithAnUnboundKeyIsRecordedWithItsKey() {
    try (JMSContext context = host.connectionFactory().createContext()) {
      context.createProducer().send(context.createQueue("amq.direct/nobody"), "d1");
    }

    JournalEntry entry = host.journal().entries().get(0);
    assertThat(entry.kind()).isEqualTo(JournalEntry.DestinationKind.EXCHANGE);
    assertThat(entry.destination()).isEqualTo("amq.direct");
    assertThat(entry.routingKey()).isEqualTo("nobody");
    assertThat(entry.routedNowhere()).isTrue();
  }

  @Test
  void anAnonymousProducerSendToAQueueIsRecorded() {
    host.declareQueue("orders");
    try (JMSContext context = host.connectionFactory().createContext()) {
      context.createProducer().send(context.createQueue("orders"), "a1");
    }

    assertThat(host.journal().messagesTo("orders"))
        .extracting(ReceivedMessage::text)
        .containsExactly("a1");
  }

  @Test
  void aBrokerWithTheJournalOffDeliversAsUsualAndSaysSoWhenAskedForTheJournal() {
    try (EmbeddedBroker off = EmbeddedBroker.builder().messageJournal(false).start();
        TestBroker quiet = off.isolatedHost()) {
      MessageReceiver receiver = quiet.queueReceiver("orders");
      quiet.queueSender("orders").send("o1");

      assertThat(receiver.receive().text()).isEqualTo("o1");
      assertThatThrownBy(quiet::journal)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "The message journal is off on this broker (EmbeddedBroker.builder()"
                  + ".messageJournal(false)); leave it on to use journal().");
    }
  }
}
