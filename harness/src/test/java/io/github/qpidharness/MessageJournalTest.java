package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The journal's assertions, and their near-miss texts, pinned verbatim. */
class MessageJournalTest extends OnIsolatedHost {
  private static final Duration SHORT = Duration.ofMillis(100);

  private static String failure(Runnable assertion) {
    Throwable thrown = catchThrowable(assertion::run);
    assertThat(thrown).isInstanceOf(AssertionError.class);
    return thrown.getMessage();
  }

  private MessageJournalAssert journal() {
    return HarnessAssertions.assertThat(host.journal()).within(SHORT).withQuietPeriod(SHORT);
  }

  /** Code under test: publishes with plain JMS, as an application would. */
  private void publish(String destination, boolean topic, String text, Map<String, ?> properties)
      throws Exception {
    try (JMSContext context = host.connectionFactory().createContext()) {
      TextMessage message = context.createTextMessage(text);
      for (Map.Entry<String, ?> p : properties.entrySet()) {
        message.setObjectProperty(p.getKey(), p.getValue());
      }
      context
          .createProducer()
          .send(
              topic ? context.createTopic(destination) : context.createQueue(destination), message);
    }
  }

  @Test
  void aMessagePublishedToATopicBeforeAnySubscriberExistedIsAssertedThroughTheJournal()
      throws Exception {
    host.declareTopic("events");

    publish("events", true, "created", Map.of("id", 7));

    journal().hasPublished("events", "created", Map.of("id", 7)).hasProperty("id", 7);
    assertThat(host.journal().entriesTo("events").get(0).routedNowhere()).isTrue();
  }

  @Test
  void hasPublishedWaitsForAMessagePublishedAfterTheAssertionStarted() throws Exception {
    host.declareQueue("orders");
    CompletableFuture<Void> later =
        CompletableFuture.runAsync(() -> host.queueSender("orders").send("late"));

    HarnessAssertions.assertThat(host.journal()).hasPublished("orders", "late");
    later.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aServiceConsumingWithItsOwnListenerGetsTheMessageWhileTheJournalShowsIt() throws Exception {
    host.declareQueue("orders");
    CountDownLatch consumed = new CountDownLatch(1);
    try (JMSContext service = host.connectionFactory().createContext()) {
      JMSConsumer consumer = service.createConsumer(service.createQueue("orders"));
      consumer.setMessageListener(m -> consumed.countDown());

      publish("orders", false, "order 1", Map.of("customer", "c1"));

      journal().hasPublished("orders", "order 1", Map.of("customer", "c1"));
      assertThat(consumed.await(10, TimeUnit.SECONDS)).as("the service got the message").isTrue();
      HarnessAssertions.assertThatQueue(host, "orders").eventuallyHasDepth(0);
    }
  }

  @Test
  void aMisspelledTopicNamesTheTopicTheMessageWentTo() throws Exception {
    host.declareTopic("event");
    publish("event", true, "hi", Map.of("n", 1));

    assertThat(failure(() -> journal().hasPublished("events", "hi", Map.of("n", 1))))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have a message with text \"hi\" and property n=1 published to \"events\""
                + " within 100 ms\n"
                + "but nothing was published to \"events\"; the closest message on this host was"
                + " published to topic \"event\" rather than \"events\", which routed it nowhere"
                + " (no subscriber). Published on this host:\n"
                + "  1. topic \"event\": \"hi\" {n=1} -> routed nowhere");
  }

  @Test
  void aMisspelledQueueNamesTheQueueThatNothingConsumes() throws Exception {
    host.declareQueue("orders");
    publish("orders", false, "o1", Map.of());

    assertThat(failure(() -> journal().hasPublished("order", "o1", Map.of())))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have a message with text \"o1\" published to \"order\" within 100 ms\n"
                + "but nothing was published to \"order\"; the closest message on this host was"
                + " published to queue \"orders\" rather than \"order\", which nothing consumes."
                + " Published on this host:\n"
                + "  1. queue \"orders\": \"o1\" {} -> queues [orders]");
  }

  @Test
  void aTopicExpectedWhereTheCodePublishedToAQueueOfThatNameSaysSo() throws Exception {
    host.declareQueue("orders");
    publish("orders", true, "o1", Map.of());

    assertThat(failure(() -> journal().hasPublishedToTopic("orders", "o1", Map.of())))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have a message with text \"o1\" published to topic \"orders\" within 100"
                + " ms\n"
                + "but nothing was published to topic \"orders\"; the closest message on this host"
                + " was published to queue \"orders\" rather than topic \"orders\", which nothing"
                + " consumes. Published on this host:\n"
                + "  1. queue \"orders\": \"o1\" {} -> queues [orders]");
  }

  @Test
  void anUnroutableSendNamesTheExchangeAndKeyThatRoutedNowhere() throws Exception {
    publish("amq.direct/invoices", false, "i1", Map.of());

    assertThat(failure(() -> journal().hasPublished("invoices", "i1", Map.of())))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have a message with text \"i1\" published to \"invoices\" within 100 ms\n"
                + "but nothing was published to \"invoices\"; the closest message on this host was"
                + " published to exchange \"amq.direct\" (routing key \"invoices\") rather than"
                + " \"invoices\", which routed it nowhere (no queue bound for its routing key)."
                + " Published on this host:\n"
                + "  1. exchange \"amq.direct\" (routing key \"invoices\"): \"i1\" {} -> routed"
                + " nowhere");
  }

  @Test
  void aDifferingPropertyAtTheRightDestinationIsNamed() throws Exception {
    host.declareQueue("orders");
    MessageReceiver service = host.queueReceiver("orders");
    publish("orders", false, "o1", Map.of("customer", "c2"));
    service.receive();

    assertThat(failure(() -> journal().hasPublished("orders", "o1", Map.of("customer", "c1"))))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have a message with text \"o1\" and property customer=\"c1\" published to"
                + " \"orders\" within 100 ms\n"
                + "but none of the 1 message published to \"orders\" matched; the closest message"
                + " on this host was published to queue \"orders\" but differs in property"
                + " \"customer\": expected \"c1\" (String) but was \"c2\" (String). Published on"
                + " this host:\n"
                + "  1. queue \"orders\": \"o1\" {customer=\"c2\"} -> queues [orders]");
  }

  @Test
  void nothingPublishedAtAllSaysSo() {
    assertThat(failure(() -> journal().hasPublished("orders", "o1", Map.of())))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have a message with text \"o1\" published to \"orders\" within 100 ms\n"
                + "but nothing was published on this host");
  }

  @Test
  void hasPublishedExactlyCountsTheMessagesToOneDestination() {
    host.queueSender("orders").send("o1");
    host.queueSender("orders").send("o2");
    host.queueSender("other").send("x");

    journal().hasPublishedExactly(2, "orders");
    AssertionFailedError failure =
        (AssertionFailedError) catchThrowable(() -> journal().hasPublishedExactly(3, "orders"));
    assertThat(failure.getActual().getValue()).isEqualTo(2);
    assertThat(failure.getExpected().getValue()).isEqualTo(3);
    assertThat(failure.getMessage())
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have exactly 3 messages published to \"orders\" within 100 ms\n"
                + "but 2 messages were published to \"orders\":\n"
                + "  1. queue \"orders\": \"o1\" {} -> queues [orders]\n"
                + "  2. queue \"orders\": \"o2\" {} -> queues [orders]");
  }

  @Test
  void hasPublishedExactlyOnAMisspelledNameNamesWhereTheMessagesWent() {
    host.queueSender("orders").send("o1");

    assertThat(failure(() -> journal().hasPublishedExactly(1, "order")))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have exactly 1 message published to \"order\" within 100 ms\n"
                + "but nothing was published to \"order\"; 1 message was published to queue"
                + " \"orders\" on this host, which nothing consumes");
  }

  @Test
  void hasPublishedNothingToFailsListingWhatWasPublishedThere() {
    host.queueSender("orders").send("o1");
    host.queueSender("other").send("x");

    journal().hasPublishedNothingTo("third");
    assertThat(failure(() -> journal().hasPublishedNothingTo("orders")))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have nothing published to \"orders\" for 100 ms\n"
                + "but 1 message was published to \"orders\":\n"
                + "  1. queue \"orders\": \"o1\" {} -> queues [orders]");
  }

  @Test
  void hasPublishedNothingFailsListingEverythingPublished() {
    journal().hasPublishedNothing();
    host.queueSender("orders").send("o1");
    host.topicSender("events").message("e1").property("n", 2).send();

    assertThat(failure(() -> journal().hasPublishedNothing()))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have nothing published for 100 ms\n"
                + "but 2 messages were published on this host:\n"
                + "  1. queue \"orders\": \"o1\" {} -> queues [orders]\n"
                + "  2. topic \"events\": \"e1\" {n=2} -> routed nowhere");
  }

  @Test
  void softAssertionsCollectAJournalFailureAndGoOn() {
    HarnessSoftAssertions softly = new HarnessSoftAssertions();
    softly.assertThat(host.journal()).within(SHORT).hasPublished("orders", "o1").hasText("o1");
    softly.assertThat(host.journal()).withQuietPeriod(SHORT).hasPublishedNothing();

    assertThat(softly.errorsCollected()).hasSize(2);
    assertThat(softly.errorsCollected().get(0).getMessage())
        .contains("but nothing was published on this host");
  }

  @Test
  void tenThousandMessagesInOneTestAreAllKept() {
    MessageSender sender = host.queueSender("bulk");
    for (int i = 0; i < 10_000; i++) {
      sender.send("m" + i);
    }

    HarnessAssertions.assertThat(host.journal())
        .withQuietPeriod(SHORT)
        .hasPublishedExactly(10_000, "bulk");
    List<JournalEntry> entries = host.journal().entries();
    assertThat(entries.get(9_999).message().text()).isEqualTo("m9999");
    assertThat(host.journal().dropped()).isZero();
  }

  @Test
  void badArgumentsAreRejectedWithTheFix() {
    assertThatThrownBy(() -> journal().hasPublished(" ", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Destination must be a queue or topic name but was \" \".");
    assertThatThrownBy(() -> journal().hasPublishedExactly(-1, "q"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Count must be 0 or more but was -1.");
    assertThatThrownBy(() -> journal().within(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFullJournalSaysInTheFailureHowManyMessagesItLeftOut() {
    io.github.qpidharness.internal.JournalLog log =
        new io.github.qpidharness.internal.JournalLog(1, name -> -1);
    log.add(io.github.qpidharness.internal.JournalLogTest.record("a"));
    log.add(io.github.qpidharness.internal.JournalLogTest.record("b"));
    MessageJournal full = new MessageJournal(log, "h");

    assertThat(
            failure(
                () ->
                    HarnessAssertions.assertThat(full)
                        .withQuietPeriod(Duration.ZERO)
                        .hasPublishedNothing()))
        .isEqualTo(
            "Expecting the message journal of this host\n"
                + "to have nothing published for 0 ms\n"
                + "but 1 message was published on this host:\n"
                + "  1. queue \"q\": \"a\" {} -> queues [q]\n"
                + "  (the journal was full: it keeps the first 1 messages or 64 MB of bodies of a test; 1"
                + " later one is not in it)");
  }

  @Test
  void aReceiverThatTimesOutOnAMisspelledQueueNamesTheQueueTheMessageWentTo() {
    MessageReceiver receiver = host.queueReceiver("order");
    host.queueSender("orders").send("o1");

    Throwable receive = catchThrowable(() -> receiver.receive(SHORT));
    String asserted =
        failure(() -> HarnessAssertions.assertThat(receiver).within(SHORT).receivesExactly(1));

    String hint =
        "\n(nothing arrived on queue \"order\", but 1 message was published to queue \"orders\""
            + " on this host, which nothing consumes)";
    assertThat(receive).isInstanceOf(AssertionError.class);
    assertThat(receive.getMessage()).endsWith(hint);
    assertThat(asserted).endsWith(hint);
  }

  @Test
  void aSubscriberThatSubscribedAfterThePublishIsToldTheMessageRoutedNowhere() {
    host.topicSender("events").send("e1");
    MessageReceiver late = host.topicSubscriber("events");

    assertThat(failure(() -> late.receive(SHORT)))
        .endsWith(
            "\n(nothing arrived on topic \"events\", but 1 message was published to topic"
                + " \"events\" on this host, which routed it nowhere (no subscriber))");
  }

  @Test
  void aReceiverTimeoutWithNothingPublishedAnywhereHasNoHint() {
    MessageReceiver receiver = host.queueReceiver("order");

    assertThat(failure(() -> receiver.receive(SHORT))).doesNotContain("nothing arrived on");
  }
}
