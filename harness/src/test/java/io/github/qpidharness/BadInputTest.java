package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.internal.VirtualHostBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input fails the call that made it, clearly, and leaves the test's other fixtures working. */
// Some tests cut a host's connections broker-side on purpose; qpid-jms logs each one it loses.
@ExpectedLog({
  "JmsConnection - Connection ID:\\S+ has failed due to: Connection closed by external action"
})
class BadInputTest extends OnIsolatedHost {
  private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  /** Longer than a {@link Waiter} waits, and far from overflowing. */
  private static final Duration LONG = Duration.ofHours(1);

  @Test
  void aSlashInAQueueOrTopicNameIsRejectedBecauseBrokerJReadsItAsExchangeAndRoutingKey() {
    String why =
        " contains '/' at index 4, which Broker-J reads as the end of an exchange name (\"news\""
            + " with routing key \"sport\"); use '.', '_' or '-' instead.";
    assertThatThrownBy(() -> host.queueSender("news/sport"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Queue name \"news/sport\"" + why);
    assertThatThrownBy(() -> host.topicSubscriber("news/sport"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Topic name \"news/sport\"" + why);
    assertThat(host.queueNames()).isEmpty();
    assertThat(host.topicNames()).isEmpty();
  }

  @Test
  void aNameStartingWithADollarIsRejectedBecauseBrokerJKeepsThemForSystemNodes() {
    assertThatThrownBy(() -> host.queueReceiver("$virtualhostProperties"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Queue name \"$virtualhostProperties\" starts with '$', which Broker-J reserves for its"
                + " system nodes ($management, $virtualhostProperties); choose another name.");
  }

  @Test
  void aLoneSurrogateInANameFailsAloneAndTheOtherFixturesKeepWorking() {
    MessageReceiver receiver = host.queueReceiver("orders");
    MessageSender sender = host.queueSender("orders");

    assertThatThrownBy(() -> host.queueSender("bad\uD800name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Queue name contains a lone surrogate character (U+D800) at index 3, which has no"
                + " UTF-8 encoding; use whole Unicode characters.");
    assertThatThrownBy(() -> host.durableSubscriber("events", "audit\uDC00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Subscription name contains a lone surrogate character (U+DC00)");

    sender.send("still fine");
    assertThat(receiver.receive().text()).isEqualTo("still fine");
    // A pair of surrogates is one whole character, and fine.
    assertThat(host.queueReceiver("orders-\uD83D\uDE00").endpoint().name())
        .isEqualTo("orders-\uD83D\uDE00");
  }

  @Test
  void aLoneSurrogateInABodyPropertyOrHeaderFailsAloneAndTheOtherFixturesKeepWorking() {
    MessageReceiver receiver = host.queueReceiver("orders");
    MessageSender sender = host.queueSender("orders");

    assertThatThrownBy(() -> sender.send("a\uD800b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The text body contains a lone surrogate character (U+D800) at index 1, which has no"
                + " UTF-8 encoding; use whole Unicode characters.");
    assertThatThrownBy(() -> sender.send("fine", Map.of("p", "x\uDC00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The value of property \"p\" contains a lone surrogate");
    assertThatThrownBy(() -> sender.sendMap(Map.of("c", '\uD800')))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The value of map body entry \"c\" contains a lone surrogate");
    assertThatThrownBy(() -> sender.message("fine").correlationId("\uDBFF").send())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The correlation id contains a lone surrogate");

    sender.send("still fine \uD83D\uDE00");
    assertThat(receiver.receive().text()).isEqualTo("still fine \uD83D\uDE00");
    HarnessAssertions.assertThat(receiver).receivesExactly(1);
  }

  @Test
  void aSubMillisecondTimeToLiveRoundsUpInsteadOfBecomingNeverExpires() {
    OutgoingMessage message = OutgoingMessage.text("x").withTimeToLive(Duration.ofNanos(1));
    assertThat(message.timeToLive()).isEqualTo(Duration.ofMillis(1));
    assertThat(message.withTimeToLive(Duration.ofNanos(1_500_000)).timeToLive())
        .isEqualTo(Duration.ofMillis(2));
    assertThat(message.withTimeToLive(Duration.ofMillis(30)).timeToLive())
        .isEqualTo(Duration.ofMillis(30));
  }

  @Test
  void aTimeToLiveOrDelayTooLongForTheClientIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> OutgoingMessage.text("x").withTimeToLive(FOREVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Time to live PT2562047788015215H30M7S is too long: the client adds it to the send"
                + " time in milliseconds, which allows at most Long.MAX_VALUE / 2 ms (about 146"
                + " million years); use Duration.ZERO for a message that never expires.");
    assertThatThrownBy(() -> OutgoingMessage.text("x").withDeliveryDelay(FOREVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Delivery delay PT2562047788015215H30M7S is too long")
        .hasMessageEndingWith("use Duration.ZERO to deliver at once.");
  }

  @Test
  void waitsOfAnyLengthSaturateInsteadOfOverflowing() {
    MessageReceiver receiver = host.queueReceiver("long");
    MessageSender sender = host.queueSender("long");
    List<SentMessage> sent = List.of(sender.send("one"), sender.send("two"));

    assertThat(receiver.receive(FOREVER).text()).isEqualTo("one");
    assertThat(receiver.receive(1, Duration.ofDays(365L * 1000)).get(0).text()).isEqualTo("two");
    assertThat(receiver.awaitReceived(m -> m.size() == 2, FOREVER)).hasSize(2);
    HarnessAssertions.assertThat(receiver).within(FOREVER).receivesExactly(2);
    HarnessAssertions.assertThat(receiver).within(FOREVER).receivesMessageWithText("two");
    HarnessAssertions.assertThatReceivers(receiver).within(FOREVER).fanOut(sent);
  }

  @Test
  void aDelayedMessageIsHeldForItsDelayAndArrivesSoonAfter() {
    Duration delay = Duration.ofMillis(1500);
    MessageReceiver queue = host.queueReceiver("later");
    host.declareTopic("later-events");
    MessageReceiver topic = host.topicSubscriber("later-events");

    long start = System.nanoTime();
    host.queueSender("later").message("held").deliveryDelay(delay).send();
    host.topicSender("later-events").message("held too").deliveryDelay(delay).send();

    // Well within the delay: before the fix, Broker-J delivered at once.
    HarnessAssertions.assertThat(queue).withQuietPeriod(Duration.ofMillis(500)).receivesNothing();
    // The default receive timeout (5 s) is far below Broker-J's default housekeeping period of
    // 30 s, which released held messages up to 30 s late.
    assertThat(queue.receive().text()).isEqualTo("held");
    assertThat(topic.receive().text()).isEqualTo("held too");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
  }

  @Test
  void aDroppedConnectionEndsAWaitingReceiveAtOnceSayingWhy() throws Exception {
    MessageReceiver receiver = host.queueReceiver("waiting");
    try (Waiter waiter = new Waiter(() -> receiver.receive(LONG))) {
      dropConnections(host);
      assertThat(waiter.failure())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Stopped waiting for a message on queue \"waiting\" after ")
          .hasMessageContaining(
              ": the connection to host \"" + host.name() + "\" was closed by the broker: ")
          .hasMessageEndingWith(". None had arrived; create the host's fixtures again to go on.");
    }
  }

  @Test
  void aDroppedConnectionEndsAWaitingAssertionAtOnceSayingWhy() throws Exception {
    MessageReceiver one = host.queueReceiver("one");
    MessageReceiver two = host.queueReceiver("two");
    SentMessage sent = host.queueSender("one").send("only one");
    try (Waiter single =
            new Waiter(() -> HarnessAssertions.assertThat(two).within(LONG).receivesAtLeast(1));
        Waiter several =
            new Waiter(
                () ->
                    HarnessAssertions.assertThatReceivers(one, two)
                        .within(LONG)
                        .fanOut(List.of(sent)))) {
      dropConnections(host);
      assertThat(single.failure())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Stopped waiting for messages on queue \"two\" after ")
          .hasMessageContaining("was closed by the broker: ");
      assertThat(several.failure())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Stopped waiting for messages on queue \"")
          .hasMessageContaining("was closed by the broker: ");
    }
  }

  @Test
  void closingTheHostOrTheBrokerEndsAWaitSayingWhich() throws Exception {
    TestBroker other = broker.isolatedHost();
    String otherName = other.name();
    MessageReceiver onHost = other.queueReceiver("waiting");
    try (Waiter waiter = new Waiter(() -> onHost.receive(LONG))) {
      other.close();
      assertThat(waiter.failure())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "The receiver for queue \"waiting\" is closed (host \""
                  + otherName
                  + "\" was closed) and holds 0 messages not handed out, fewer than the 1 asked"
                  + " for; create a new receiver.");
    }
    try (EmbeddedBroker own = EmbeddedBroker.start()) {
      TestBroker ownHost = own.isolatedHost();
      String name = ownHost.name();
      MessageReceiver receiver = ownHost.queueReceiver("waiting");
      try (Waiter waiter =
          new Waiter(
              () -> HarnessAssertions.assertThat(receiver).within(LONG).receivesAtLeast(1))) {
        own.close();
        assertThat(waiter.failure())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(": host \"" + name + "\" was closed with its broker. ");
      }
    }
  }

  @Test
  void moreFixturesThanTheBrokerHasSessionsForFailNamingTheLimitAndTheOthersKeepWorking() {
    try (EmbeddedBroker small =
            EmbeddedBroker.builder().brokerContext("qpid.port.sessionCountLimit", "16").start();
        TestBroker limited = small.isolatedHost()) {
      MessageSender sender = limited.topicSender("news");
      List<MessageReceiver> receivers = new ArrayList<>();
      for (int i = 0; i < 14; i++) {
        receivers.add(limited.topicSubscriber("news"));
      }

      assertThatThrownBy(() -> limited.topicSubscriber("news"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "Cannot open topic \"news\" on host \""
                  + limited.name()
                  + "\": its 15 open senders and receivers use all 15 sessions the broker allows a"
                  + " connection's fixtures (Broker-J's qpid.port.sessionCountLimit, less one the"
                  + " client keeps), and each fixture has a session of its own. Close fixtures you"
                  + " no longer need, or raise the limit with"
                  + " EmbeddedBroker.builder().brokerContext(\"qpid.port.sessionCountLimit\","
                  + " ...).");

      sender.send("after the refusal");
      for (MessageReceiver receiver : receivers) {
        assertThat(receiver.receive().text()).isEqualTo("after the refusal");
      }
      receivers.remove(0).close();
      MessageReceiver replacement = limited.topicSubscriber("news");
      sender.send("in the freed session");
      assertThat(replacement.receive().text()).isEqualTo("in the freed session");
    }
  }

  @Test
  void withBrokerJsDefaultLimitAHostHas255FixturesAndTheNextOneIsRefused() {
    List<MessageReceiver> receivers = new ArrayList<>();
    for (int i = 0; i < 255; i++) {
      receivers.add(host.queueReceiver("crowded"));
    }
    assertThatThrownBy(() -> host.queueSender("crowded"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("its 255 open senders and receivers use all 255 sessions");
    receivers.remove(0).close();
    SentMessage sent = host.queueSender("crowded").send("still connected");
    HarnessAssertions.assertThatReceivers(receivers).competeFor(List.of(sent));
  }

  @Test
  void aBodyOverTheBrokersLimitIsRefusedBeforeSendingNamingItsSizeAndTheLimit() {
    try (EmbeddedBroker small =
            EmbeddedBroker.builder().brokerContext("qpid.max_message_size", "4096").start();
        TestBroker limited = small.isolatedHost()) {
      MessageReceiver receiver = limited.queueReceiver("big");
      MessageSender sender = limited.queueSender("big");

      assertThatThrownBy(() -> sender.send(new byte[5000]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "The message to queue \"big\" has a body of 5000 bytes, more than the broker's"
                  + " limit of 4096 bytes per message (Broker-J's qpid.max_message_size); send a"
                  + " smaller body, or raise the limit with"
                  + " EmbeddedBroker.builder().brokerContext(\"qpid.max_message_size\", ...).");
      assertThatThrownBy(() -> sender.send("\u00e9".repeat(2100)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has a body of 4200 bytes");
    }
  }

  @Test
  void aSenderWhoseMessageTheBrokerRefusedStaysUsable() {
    try (EmbeddedBroker small =
            EmbeddedBroker.builder().brokerContext("qpid.max_message_size", "4096").start();
        TestBroker limited = small.isolatedHost()) {
      MessageReceiver receiver = limited.queueReceiver("big");
      MessageSender sender = limited.queueSender("big");
      // The body fits, the body with its properties does not: only the broker can tell.
      assertThatThrownBy(() -> sender.send("x".repeat(4000), Map.of("pad", "p".repeat(500))))
          .isInstanceOf(MessagingException.class)
          .hasMessageContaining("max-message-size");

      sender.send("small");
      assertThat(receiver.receive().text()).isEqualTo("small");
      HarnessAssertions.assertThat(receiver).receivesExactly(1);
    }
  }

  @Test
  void hostNamesAsLongAsBrokerJTakesWorkAndLongerOnesAreRefusedWithTheReason() {
    String longest = "h".repeat(255);
    try (TestBroker named = broker.createHost(longest)) {
      MessageReceiver receiver = named.queueReceiver("q");
      named.queueSender("q").send("reached");
      assertThat(receiver.receive().text()).isEqualTo("reached");
      assertThat(named.name()).isEqualTo(longest);
    }
    assertThatThrownBy(() -> broker.createHost("h".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Host name \"hhhhhhhhhhhhhhhhhhhh...\" is 256 characters long; use at most 255, the"
                + " longest name AMQP 0-x clients can send and a file system takes for the"
                + " directory of a persistent host.");
  }

  @Test
  void aReceiverWhoseQueueIsDeletedEndsItsWaitAndTheOtherFixturesKeepWorking() throws Exception {
    MessageReceiver doomed = host.queueReceiver("doomed");
    MessageReceiver other = host.queueReceiver("other");
    MessageSender sender = host.queueSender("other");
    try (Waiter waiter = new Waiter(() -> doomed.receive(LONG))) {
      host.deleteQueue("doomed");
      assertThat(waiter.failure())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Stopped waiting for a message on queue \"doomed\" after ")
          .hasMessageContaining(
              ": the broker closed the receiver's link on host \"" + host.name() + "\": ");
    }
    sender.send("unharmed");
    assertThat(other.receive().text()).isEqualTo("unharmed");
  }

  /** Closes every client connection of the host as an operator would, broker-side. */
  static void dropConnections(TestBroker host) {
    List<org.apache.qpid.server.model.Connection<?>> connections =
        new ArrayList<>(((VirtualHostBroker) host).host().getConnections());
    assertThat(connections).as("connections of the host").isNotEmpty();
    for (org.apache.qpid.server.model.Connection<?> connection : connections) {
      connection.deleteAsync();
    }
  }
}
