package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.internal.ClientActivity;
import io.github.qpidharness.internal.VirtualHostBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link TestBroker#awaitSettled} and {@link ReceiverAssert#untilSettled()}. */
class HostSettlingTest extends OnIsolatedHost {

  /**
   * The application: for each order on "orders" it publishes one event to "events", then, once the
   * test lets it, a duplicate, all inside its listener (acknowledged when the listener returns).
   */
  private Connection slowDuplicatingService(CountDownLatch duplicateAllowed) throws JMSException {
    host.declareQueue("orders");
    Connection connection = host.connectionFactory().createConnection();
    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageProducer events = session.createProducer(session.createTopic("events"));
    MessageConsumer orders = session.createConsumer(session.createQueue("orders"));
    orders.setMessageListener(
        order -> {
          try {
            events.send(session.createTextMessage("accepted " + order.getBody(String.class)));
            if (duplicateAllowed.await(10, TimeUnit.SECONDS)) {
              events.send(session.createTextMessage("accepted " + order.getBody(String.class)));
            }
          } catch (JMSException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    connection.start();
    return connection;
  }

  @Test
  void untilSettledCatchesTheLateDuplicateThatAQuietPeriodMisses() throws Exception {
    MessageReceiver events = host.topicSubscriber("events");
    CountDownLatch duplicateAllowed = new CountDownLatch(1);
    try (Connection service = slowDuplicatingService(duplicateAllowed)) {
      host.queueSender("orders").send("42");

      // The duplicate comes later than any quiet period: this check passes, wrongly.
      assertThat(events).withQuietPeriod(Duration.ofMillis(100)).receivesExactly(1);

      duplicateAllowed.countDown();
      // The listener still holds order 42: the host is not settled until it returns.
      assertThatThrownBy(() -> assertThat(events).untilSettled().receivesExactly(1))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("receive exactly 1 message")
          .hasMessageContaining("nothing more until its host settled")
          .hasMessageContaining("accepted 42");
      assertThat(events.received()).hasSize(2);
    }
  }

  @Test
  void untilSettledPassesOnceTheServiceIsDoneWithoutAQuietPeriod() throws Exception {
    MessageReceiver events = host.topicSubscriber("events");
    CountDownLatch duplicateAllowed = new CountDownLatch(0);
    try (Connection service = slowDuplicatingService(duplicateAllowed)) {
      // With the duplicate let through at once, the service publishes two events per order.
      host.queueSender("orders").send("7");

      assertThat(events).untilSettled().receivesExactly(2);
      assertThat(events).untilSettled().receivesExactly(2);
    }
  }

  @Test
  void aMessageWaitingWhereNobodyConsumesDoesNotKeepTheHostBusy() {
    host.queueSender("parked").send("for later");
    host.declareQueue("orders", QueueOptions.standard().withDeadLetterQueue("orders.dlq"));

    host.awaitSettled(Duration.ofSeconds(5));

    assertThat(host.queueStats("parked").depth()).isEqualTo(1);
  }

  @Test
  void aMessageThatItsConsumerDoesNotTakeKeepsTheHostBusyAndIsNamed() {
    MessageReceiver onlyX = host.queueReceiver("work", "type = 'x'");
    host.queueSender("work").message("not for it").property("type", "y").send();

    assertThatThrownBy(() -> host.awaitSettled(Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting host \"" + host.name() + "\" to settle within 200 ms")
        .hasMessageContaining("queue \"work\": 1 message waiting, 1 consumer ready to take them")
        .hasMessageContaining("withQuietPeriod");
    assertThat(onlyX.received()).isEmpty();
  }

  @Test
  void anUnacknowledgedMessageKeepsTheHostBusyUntilItIsAcknowledged() throws Exception {
    host.queueSender("work").send("job");
    try (Connection connection = host.connectionFactory().createConnection()) {
      Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
      connection.start();
      Message job = consumer.receive(5_000);
      assertThat(job).isNotNull();

      assertThatThrownBy(() -> host.awaitSettled(Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("queue \"work\": 1 message held unacknowledged by its consumers");

      job.acknowledge();
      host.awaitSettled(Duration.ofSeconds(5));
      assertThat(host.queueStats("work").depth()).isZero();
    }
  }

  @Test
  void aDelayedMessageKeepsTheHostBusyUntilItIsDelivered() {
    MessageReceiver receiver = host.queueReceiver("later");
    host.queueSender("later").message("in a moment").deliveryDelay(Duration.ofMillis(300)).send();

    host.awaitSettled(Duration.ofSeconds(10));

    assertThat(receiver.received())
        .extracting(ReceivedMessage::text)
        .containsExactly("in a moment");
  }

  @Test
  void clientWorkTheBrokerCannotSeeKeepsTheHostBusy() {
    ClientActivity activity = ((VirtualHostBroker) host).clientActivity();
    activity.begin();
    try {
      assertThatThrownBy(() -> host.awaitSettled(Duration.ofMillis(100)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("1 consumer of the application still processing a message");
    } finally {
      activity.end();
    }
    host.awaitSettled(Duration.ofSeconds(5));
  }

  @Test
  void endedActivityThatNeverBeganIsAnError() {
    ClientActivity activity = ((VirtualHostBroker) host).clientActivity();
    assertThatThrownBy(activity::end)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a matching begin()");
  }

  @Test
  void receivesNothingUntilSettledFailsOnAMessageAlreadyThereAndPassesOnAQuietHost() {
    MessageReceiver receiver = host.queueReceiver("inbox");
    assertThat(receiver).untilSettled().receivesNothing();

    host.queueSender("inbox").send("surprise");
    assertThatThrownBy(() -> assertThat(receiver).untilSettled().receivesNothing())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("receive nothing until its host settled")
        .hasMessageContaining("surprise");
  }

  @Test
  void aQuietPeriodAfterUntilSettledUndoesIt() {
    MessageReceiver onlyX = host.queueReceiver("work", "type = 'x'");
    host.queueSender("work").message("not for it").property("type", "y").send();

    // Settling would fail (the message waits for a consumer that does not take it); listening does
    // not.
    assertThat(onlyX).untilSettled().withQuietPeriod(Duration.ofMillis(50)).receivesNothing();
  }

  @Test
  void badTimeoutsAreRefusedAndHugeOnesSaturate() {
    assertThatThrownBy(() -> host.awaitSettled(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was null");
    assertThatThrownBy(() -> host.awaitSettled(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was PT-0.001S");

    host.awaitSettled(Duration.ofSeconds(Long.MAX_VALUE));
    host.awaitSettled(Duration.ZERO);
  }

  @Test
  void aClosedHostCannotSettle() {
    TestBroker other = broker.isolatedHost();
    other.close();

    assertThatThrownBy(other::awaitSettled)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void untilSettledNeedsAReceiverOfTheHarness() {
    MessageReceiver foreign =
        (MessageReceiver)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {MessageReceiver.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "awaitReceived", "received" -> java.util.List.of();
                      case "toString" -> "a receiver of its own";
                      default -> throw new UnsupportedOperationException(method.getName());
                    });

    assertThatThrownBy(() -> assertThat(foreign).untilSettled().receivesNothing())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a receiver of its own")
        .hasMessageContaining("withQuietPeriod");
  }

  @Test
  void theJournalUntilSettledCatchesALateDuplicateToATopicNobodySubscribed() throws Exception {
    host.declareTopic("events");
    CountDownLatch duplicateAllowed = new CountDownLatch(1);
    try (Connection service = slowDuplicatingService(duplicateAllowed)) {
      host.queueSender("orders").send("9");

      assertThat(host.journal())
          .withQuietPeriod(Duration.ofMillis(100))
          .hasPublishedExactly(1, "events");

      duplicateAllowed.countDown();
      assertThatThrownBy(
              () -> assertThat(host.journal()).untilSettled().hasPublishedExactly(1, "events"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("and nothing more until the host settled");
      assertThat(host.journal().entriesTo("events")).hasSize(2);
    }
  }

  @Test
  void theJournalUntilSettledSeesNothingPublishedOnAQuietHost() {
    host.declareTopic("events");
    assertThat(host.journal()).untilSettled().hasPublishedNothing();
    assertThat(host.journal()).untilSettled().hasPublishedNothingTo("events");

    host.topicSender("events").send("one");
    assertThatThrownBy(
            () -> assertThat(host.journal()).untilSettled().hasPublishedNothingTo("events"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("until the host settled");
  }

  @Test
  void aJournalWithoutItsHostCannotWaitForItToSettle() {
    MessageJournal detached =
        new MessageJournal(new io.github.qpidharness.internal.JournalLog(1, name -> -1), "h");

    assertThatThrownBy(() -> assertThat(detached).untilSettled().hasPublishedNothing())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host \"h\"")
        .hasMessageContaining("withQuietPeriod");
  }

  @Test
  void softAssertionsCollectAnUntilSettledFailureAndGoOn() {
    MessageReceiver inbox = host.queueReceiver("inbox");
    host.queueSender("inbox").send("one");
    host.queueSender("inbox").send("two");

    HarnessSoftAssertions softly = new HarnessSoftAssertions();
    softly.assertThat(inbox).untilSettled().receivesExactly(1);
    softly.assertThat(inbox).untilSettled().receivesExactly(2);

    assertThat(softly.assertionErrorsCollected())
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessageContaining("nothing more until its host settled"));
  }

  @Test
  void workLeftUnfinishedByAClosedHostDoesNotFollowItsNodeToTheNextTest() {
    ((VirtualHostBroker) host).clientActivity().begin();
    host.queueSender("parked").send("left behind");
    host.close();

    // Most likely the same pooled node, reset: it starts settled, with nothing of the last test.
    host = broker.isolatedHost();
    host.awaitSettled(Duration.ofSeconds(5));
    assertThat(host.queueNames()).doesNotContain("parked");
  }
}
