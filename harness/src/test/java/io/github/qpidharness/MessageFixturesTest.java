package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.qpidharness.internal.VirtualHostBroker;
import jakarta.jms.DeliveryMode;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.qpid.server.model.Connection;
import org.apache.qpid.server.model.Producer;
import org.apache.qpid.server.model.Session;
import org.apache.qpid.server.model.VirtualHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageFixturesTest {
  private static EmbeddedBroker broker;
  private TestBroker host;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.builder().allowObjectMessageClasses(Allowed.class).start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void openHost() {
    host = broker.isolatedHost();
  }

  @AfterEach
  void closeHost() {
    host.close();
  }

  record Allowed(String name) implements Serializable {}

  record NotAllowed(String name) implements Serializable {}

  @Test
  void textMessageWithPropertiesArrivesAsSent() {
    MessageReceiver receiver = host.queueReceiver("orders");
    SentMessage sent = host.queueSender("orders").send("Testing", Map.of("type", "test"));

    ReceivedMessage received = receiver.receive();

    assertThat(received.text()).isEqualTo("Testing");
    assertThat(received.properties()).containsExactly(entry("type", "test"));
    assertThat(received.messageId()).isEqualTo(sent.messageId());
    assertThat(received.destination()).isEqualTo("orders");
    assertThat(received.deliveryCount()).isEqualTo(1);
    assertThat(received.redelivered()).isFalse();
    assertThat(received.deliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
  }

  @Test
  void builderSetsEveryHeader() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q")
        .message("body")
        .property("type", "test")
        .type("order.created")
        .correlationId("corr-1")
        .replyToQueue("replies")
        .priority(7)
        .timeToLive(Duration.ofMinutes(5))
        .deliveryMode(DeliveryMode.NON_PERSISTENT)
        .send();

    ReceivedMessage received = receiver.receive();

    assertThat(received.type()).isEqualTo("order.created");
    assertThat(received.correlationId()).isEqualTo("corr-1");
    assertThat(received.replyTo()).isEqualTo("replies");
    assertThat(received.priority()).isEqualTo(7);
    assertThat(received.deliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    assertThat(received.expiration()).isGreaterThan(received.timestamp());
  }

  @Test
  void aSendThatReturnedIsOnTheBrokerPersistentOrNot() {
    MessageSender sender = host.queueSender("q");
    for (int i = 1; i <= 20; i++) {
      int mode = i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT;
      sender.message("m" + i).deliveryMode(mode).send();

      // No wait: the queue must hold the message the moment send returned.
      assertThat(host.queueStats("q").depth()).as("depth after send " + i).isEqualTo(i);
    }
  }

  @Test
  void aNewSenderReusesTheProducerLinkOfAClosedOne() {
    MessageReceiver receiver = host.queueReceiver("q");
    Set<UUID> producersBefore = Set.of();
    for (int i = 0; i < 5; i++) {
      try (MessageSender sender = host.queueSender(i % 2 == 0 ? "q" : "other")) {
        sender.send("from sender " + i);
        Set<UUID> producers = producerIds();
        assertThat(producers).as("producer links of sender " + i).isNotEmpty();
        if (i > 0) {
          // No attach for a sender, to any destination: the session's link serves them all.
          assertThat(producers).as("producer links of sender " + i).isEqualTo(producersBefore);
        }
        producersBefore = producers;
      }
    }

    HarnessAssertions.assertThat(receiver)
        .receivesInOrder("from sender 0", "from sender 2", "from sender 4");
  }

  private Set<UUID> producerIds() {
    VirtualHost<?> virtualHost = ((VirtualHostBroker) host).node().getVirtualHost();
    Set<UUID> ids = new HashSet<>();
    for (Connection<?> connection : virtualHost.getConnections()) {
      for (Session<?> session : connection.getSessions()) {
        for (Producer<?> producer : session.getChildren(Producer.class)) {
          ids.add(producer.getId());
        }
      }
    }
    return ids;
  }

  @Test
  void closingATopicReceiverEndsItsSubscription() {
    host.declareTopic("events");
    MessageReceiver closed = host.topicSubscriber("events");
    MessageReceiver open = host.topicSubscriber("events");
    assertThat(host.queueNames()).as("subscription queues").hasSize(2);

    closed.close();
    host.topicSender("events").send("after the close");

    HarnessAssertions.assertThat(open).receivesMessageWithText("after the close");
    assertThat(closed.received()).isEmpty();
    assertThat(host.queueNames()).as("subscription queues").hasSize(1);
  }

  @Test
  void bytesAndMapBodiesRoundTrip() {
    MessageReceiver receiver = host.queueReceiver("q");
    MessageSender sender = host.queueSender("q");
    sender.send(new byte[] {1, 2, 3});
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", 12.5);
    body.put("count", 3);
    body.put("flag", true);
    body.put("char", 'x');
    body.put("raw", new byte[] {9});
    sender.sendMap(body, Map.of("kind", "map"));

    List<ReceivedMessage> received = receiver.receive(2);

    assertThat(received.get(0).bodyType()).isEqualTo(BodyType.BYTES);
    assertThat(received.get(0).bytes()).containsExactly(1, 2, 3);
    Map<String, Object> map = received.get(1).mapBody();
    assertThat(map).containsEntry("amount", 12.5).containsEntry("count", 3);
    assertThat(map).containsEntry("flag", true).containsEntry("char", 'x');
    assertThat((byte[]) map.get("raw")).containsExactly(9);
    assertThat(received.get(1).properties()).containsExactly(entry("kind", "map"));
  }

  @Test
  void everyPropertyTypeArrivesWithItsType() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("aString", "text");
    properties.put("aBoolean", true);
    properties.put("aByte", (byte) 1);
    properties.put("aShort", (short) 2);
    properties.put("anInt", 3);
    properties.put("aLong", 4L);
    properties.put("aFloat", 5.5f);
    properties.put("aDouble", 6.25);
    properties.put("anEmptyString", "");
    MessageReceiver receiver = host.queueReceiver("q");

    host.queueSender("q").send("typed", properties);

    assertThat(receiver.receive().properties()).containsExactlyInAnyOrderEntriesOf(properties);
  }

  @Test
  void aPropertySetToNullIsPresentWhileAMissingOneIsAbsent() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("empty", null);
    MessageReceiver receiver = host.queueReceiver("q");

    host.queueSender("q").send("nulls", properties);
    ReceivedMessage received = receiver.receive();

    assertThat(received.hasProperty("empty")).isTrue();
    assertThat(received.property("empty")).isNull();
    assertThat(received.hasProperty("missing")).isFalse();
  }

  @Test
  void unicodePropertyNamesThatAreJavaIdentifiersWork() {
    MessageReceiver receiver = host.queueReceiver("q");

    host.queueSender("q").send("unicode", Map.of("größe", 1, "名前", "値", "_$x1", 2));

    assertThat(receiver.receive().properties())
        .containsOnly(entry("größe", 1), entry("名前", "値"), entry("_$x1", 2));
  }

  @Test
  void objectMessageOfAnAllowedClassDeserializes() {
    MessageReceiver receiver = host.queueReceiver("q");

    host.queueSender("q").objectMessage(new Allowed("ok")).send();

    assertThat(receiver.receive().object()).isEqualTo(new Allowed("ok"));
  }

  @Test
  void objectMessageOfAClassOffTheAllowListIsRefused() {
    MessageReceiver receiver = host.queueReceiver("q");

    host.queueSender("q").objectMessage(new NotAllowed("no")).send();
    ReceivedMessage received = receiver.receive();

    assertThatThrownBy(received::object)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be deserialized")
        .hasMessageContaining("allowObjectMessageClasses");
  }

  @Test
  void objectMessageOfJdkCollectionsDeserializesByDefault() {
    MessageReceiver receiver = host.queueReceiver("q");

    host.queueSender("q").objectMessage(new ArrayList<>(List.of("a", 1L))).send();

    assertThat(receiver.receive().object()).isEqualTo(List.of("a", 1L));
  }

  @Test
  void thousandMessagesArriveInOrder() {
    MessageReceiver receiver = host.queueReceiver("q");
    MessageSender sender = host.queueSender("q");
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      sent.add(sender.message("m" + i).deliveryMode(DeliveryMode.NON_PERSISTENT).send().text());
    }

    List<String> texts = receiver.receive(1000).stream().map(ReceivedMessage::text).toList();

    assertThat(texts).isEqualTo(sent);
  }

  @Test
  void fourConcurrentSendersLoseAndDuplicateNothing() throws Exception {
    MessageReceiver receiver = host.queueReceiver("q");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<SentMessage>>> futures = new ArrayList<>();
      for (int s = 0; s < 4; s++) {
        int senderIndex = s;
        futures.add(
            pool.submit(
                () -> {
                  try (MessageSender sender = host.queueSender("q")) {
                    List<SentMessage> sent = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                      sent.add(sender.send("s" + senderIndex + "-" + i));
                    }
                    return sent;
                  }
                }));
      }
      List<SentMessage> all = new ArrayList<>();
      for (Future<List<SentMessage>> future : futures) {
        all.addAll(future.get());
      }

      HarnessAssertions.assertThat(receiver).receivesEachOnce(all);
      assertThat(receiver.received()).hasSize(2000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void durableSubscriptionKeepsMessagesPublishedWhileOffline() {
    MessageSender publisher = host.topicSender("news");
    MessageReceiver first = host.durableSubscriber("news", "audit");
    publisher.send("while online");
    assertThat(first.receive().text()).isEqualTo("while online");
    first.close();

    publisher.send("while offline");
    MessageReceiver second = host.durableSubscriber("news", "audit");

    assertThat(second.receive().text()).isEqualTo("while offline");
    assertThat(second.endpoint()).hasToString("topic \"news\" (durable subscription \"audit\")");
  }

  @Test
  void aNonDurableSubscriberMissesMessagesPublishedBeforeItExisted() {
    MessageSender publisher = host.topicSender("news");
    publisher.send("too early");
    MessageReceiver late = host.topicSubscriber("news");

    publisher.send("in time");

    assertThat(late.receive().text()).isEqualTo("in time");
    HarnessAssertions.assertThat(late).receivesExactly(1);
  }

  @Test
  void sharedSubscribersCompeteWhileOtherSubscriptionsGetCopies() {
    MessageReceiver shared1 = host.sharedSubscriber("news", "workers");
    MessageReceiver shared2 = host.sharedSubscriber("news", "workers");
    MessageReceiver other = host.topicSubscriber("news");
    MessageSender publisher = host.topicSender("news");
    List<SentMessage> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(publisher.send("n" + i));
    }

    HarnessAssertions.assertThatReceivers(shared1, shared2).competeFor(sent);
    HarnessAssertions.assertThat(other).receivesEachOnce(sent);
  }

  @Test
  void queueSelectorLeavesOtherMessagesForOthers() {
    MessageReceiver tests = host.queueReceiver("q", "type = 'test'");
    MessageSender sender = host.queueSender("q");
    sender.send("prod", Map.of("type", "prod"));
    sender.send("test", Map.of("type", "test"));

    assertThat(tests.receive().text()).isEqualTo("test");
    MessageReceiver rest = host.queueReceiver("q");
    assertThat(rest.receive().text()).isEqualTo("prod");
    HarnessAssertions.assertThat(tests).receivesExactly(1);
  }

  @Test
  void topicSelectorFiltersASubscription() {
    MessageReceiver big = host.topicSubscriber("prices", "amount > 100");
    MessageReceiver all = host.topicSubscriber("prices");
    MessageSender sender = host.topicSender("prices");
    sender.send("small", Map.of("amount", 5));
    sender.send("big", Map.of("amount", 500));

    assertThat(big.receive().text()).isEqualTo("big");
    assertThat(all.receive(2)).extracting(ReceivedMessage::text).containsExactly("small", "big");
    assertThat(big.endpoint()).hasToString("topic \"prices\" with selector \"amount > 100\"");
  }

  @Test
  void invalidSelectorIsRejectedWithTheFix() {
    assertThatThrownBy(() -> host.queueReceiver("q", "type = = 'x'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Selector \"type = = 'x'\" is not valid JMS selector syntax (")
        .hasMessageEndingWith("); write e.g. \"type = 'test' AND amount > 10\".");
  }

  @Test
  void aQueueNameCannotBeUsedAsATopicAndBackwards() {
    host.declareQueue("orders");
    host.declareTopic("news");

    assertThatThrownBy(() -> host.topicSubscriber("orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot declare topic \"orders\"")
        .hasMessageContaining("a queue of that name exists");
    assertThatThrownBy(() -> host.queueSender("news"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot declare queue \"news\"")
        .hasMessageContaining("a topic (exchange of type topic) of that name exists");
  }

  @Test
  void fixturesUseAnExistingPriorityQueueAsItIs() {
    host.declareQueue("urgent", QueueOptions.priority(10));
    MessageSender sender = host.queueSender("urgent");
    sender.message("low").priority(1).send();
    sender.message("high").priority(9).send();

    MessageReceiver receiver = host.queueReceiver("urgent");

    assertThat(receiver.receive(2))
        .extracting(ReceivedMessage::text)
        .containsExactly("high", "low");
  }

  @Test
  void receiveTimesOutWithAnAssertionErrorNamingDestinationAndTime() {
    MessageReceiver receiver = host.queueReceiver("empty");

    assertThatThrownBy(() -> receiver.receive(Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageMatching(
            "Expecting queue \"empty\"\nto deliver a message within 50 ms\nbut none arrived in"
                + " \\d+ ms");
  }

  @Test
  void receiveOfSeveralTimesOutListingWhatArrivedAndHandsNothingOut() {
    MessageReceiver receiver = host.queueReceiver("q");
    MessageSender sender = host.queueSender("q");
    sender.send("first");
    assertThat(receiver.receive().text()).isEqualTo("first");
    sender.send("second", Map.of("n", 2));
    HarnessAssertions.assertThat(receiver).receivesExactly(2);

    assertThatThrownBy(() -> receiver.receive(3, Duration.ofMillis(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessageMatching(
            "Expecting queue \"q\"\n"
                + "to deliver 3 messages within 20 ms\n"
                + "but only 1 arrived in \\d+ ms:\n"
                + "  1\\. \"second\" \\{n=2\\}\n"
                + "\\(1 message arrived earlier and were already handed out by receive\\(\\)\\)");
    assertThat(receiver.receive().text()).isEqualTo("second");
  }

  @Test
  void closingFixturesTwiceIsHarmless() {
    MessageSender sender = host.queueSender("q");
    MessageReceiver receiver = host.queueReceiver("q");

    sender.close();
    sender.close();
    receiver.close();
    receiver.close();

    assertThat(sender.isClosed()).isTrue();
    assertThat(receiver.isClosed()).isTrue();
    assertThatThrownBy(() -> sender.send("late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The sender for queue \"q\" is closed; create a new one with the host.");
  }

  @Test
  void closingTheHostClosesItsFixturesFirst() {
    TestBroker own = broker.isolatedHost();
    String name = own.name();
    MessageSender sender = own.queueSender("q");
    MessageReceiver receiver = own.queueReceiver("q");
    sender.send("kept");
    assertThat(receiver.receive().text()).isEqualTo("kept");

    own.close();

    assertThat(sender.isClosed()).isTrue();
    assertThat(receiver.isClosed()).isTrue();
    assertThat(receiver.received()).extracting(ReceivedMessage::text).containsExactly("kept");
    assertThatThrownBy(receiver::receive)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The receiver for queue \"q\" is closed (host \""
                + name
                + "\" was closed) and holds 0 messages not handed out, fewer than the 1 asked for;"
                + " create a new receiver.");
    assertThatThrownBy(() -> own.queueSender("q")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSecondReceiverOfAnOpenDurableSubscriptionIsMisuse() {
    host.durableSubscriber("news", "audit");

    assertThatThrownBy(() -> host.durableSubscriber("news", "audit"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot open topic \"news\" (durable subscription \"audit\")")
        .hasMessageEndingWith(
            "A durable subscription has one receiver at a time: close the other one first, or use"
                + " sharedSubscriber(...) for competing receivers.");
  }

  @Test
  void allowListEntriesMustBeClassOrPackageNames() {
    assertThatThrownBy(() -> EmbeddedBroker.builder().allowObjectMessageClasses("com.example.*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Allow-list entry \"com.example.*\" is not a class or package name: use e.g."
                + " \"com.example.Order\", \"com.example\" or \"*\" for every class.");
  }

  @Test
  void theHostUrlCarriesTheAllowList() {
    assertThat(host.url())
        .contains(
            "jms.deserializationPolicy.allowList=java.lang,java.util,java.math,java.time,"
                + "io.github.qpidharness.MessageFixturesTest.Allowed");
  }
}
