package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThatReceivers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every assertion passing and failing; failure texts are product, so they are checked verbatim. */
class HarnessAssertionsTest extends OnIsolatedHost {
  private static final Duration SHORT = Duration.ofMillis(50);
  private static final Duration LONG = Duration.ofSeconds(5);

  /** The failure's message with message ids and measured times replaced by placeholders. */
  private static String failure(ThrowingCallable assertion) {
    Throwable thrown = catchThrowable(assertion);
    assertThat(thrown).isInstanceOf(AssertionError.class);
    return thrown
        .getMessage()
        .replaceAll("ID:[0-9a-f-]+(:\\d+)+-\\d+", "ID:x")
        .replaceAll("\\b(in|after) \\d+(\\.\\d+)? m?s\\b", "$1 <t>");
  }

  private static ReceiverAssert assertThatReceiver(MessageReceiver receiver) {
    return HarnessAssertions.assertThat(receiver);
  }

  private static ReceivedMessageAssert assertThatMessage(ReceivedMessage message) {
    return HarnessAssertions.assertThat(message);
  }

  // ---- receives exactly / at least / nothing

  @Test
  void receivesExactlyPassesWhenThatManyArriveAndNoMore() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q").send("a");
    host.queueSender("q").send("b");

    assertThatReceiver(receiver).within(LONG).receivesExactly(2);
  }

  @Test
  void receivesExactlyFailsWhenTooFewArriveListingThem() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q").send("a", Map.of("n", 1));
    receiver.receive();

    assertThat(failure(() -> assertThatReceiver(receiver).within(SHORT).receivesExactly(2)))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive exactly 2 messages within 50 ms\n"
                + "but received 1 message in <t>:\n"
                + "  1. \"a\" {n=1}");
  }

  @Test
  void receivesExactlyFailsWhenMoreArrive() {
    MessageReceiver receiver = host.queueReceiver("q");
    MessageSender sender = host.queueSender("q");
    sender.send("a");
    sender.send("b");
    receiver.receive(2);

    assertThat(failure(() -> assertThatReceiver(receiver).within(LONG).receivesExactly(1)))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive exactly 1 message within 5 s\n"
                + "but received 2 messages in <t>:\n"
                + "  1. \"a\" {}\n"
                + "  2. \"b\" {}");
  }

  @Test
  void receivesAtLeastPassesAndFails() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q").send("a");

    assertThatReceiver(receiver).within(LONG).receivesAtLeast(1);
    assertThat(failure(() -> assertThatReceiver(receiver).within(SHORT).receivesAtLeast(2)))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive at least 2 messages within 50 ms\n"
                + "but received 1 message in <t>:\n"
                + "  1. \"a\" {}");
  }

  @Test
  void receivesNothingPassesOnAQuietQueue() {
    MessageReceiver receiver = host.queueReceiver("q");

    assertThatReceiver(receiver).withQuietPeriod(SHORT).receivesNothing();
  }

  @Test
  void receivesNothingFailsShowingWhatArrived() {
    MessageReceiver receiver = host.topicSubscriber("news");
    host.topicSender("news").send("breaking", Map.of("level", "high"));
    receiver.receive();

    assertThat(failure(() -> assertThatReceiver(receiver).withQuietPeriod(SHORT).receivesNothing()))
        .isEqualTo(
            "Expecting topic \"news\"\n"
                + "to receive nothing for 50 ms\n"
                + "but received 1 message in <t>:\n"
                + "  1. \"breaking\" {level=\"high\"}");
  }

  @Test
  void aMissingMessageFailsAfterTheTimeoutNamingDestinationAndTime() {
    MessageReceiver receiver = host.durableSubscriber("news", "audit");

    assertThat(failure(() -> assertThatReceiver(receiver).within(SHORT).receivesAtLeast(1)))
        .isEqualTo(
            "Expecting topic \"news\" (durable subscription \"audit\")\n"
                + "to receive at least 1 message within 50 ms\n"
                + "but received 0 messages in <t>");
  }

  // ---- receives a matching message

  @Test
  void receivesMessageWithTextWaitsForTheMatchAndChainsToIt() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q").send("a");
    host.queueSender("q").send("b", Map.of("n", 2));

    assertThatReceiver(receiver).within(LONG).receivesMessageWithText("b").hasProperty("n", 2);
  }

  @Test
  void receivesMessageFailsShowingTheClosestMessageAndTheFieldThatDiffered() {
    MessageReceiver receiver = host.queueReceiver("q");
    MessageSender sender = host.queueSender("q");
    sender.send("hello", Map.of("lang", "en"));
    sender.send("help");
    receiver.receive(2);

    assertThat(
            failure(
                () ->
                    assertThatReceiver(receiver)
                        .within(SHORT)
                        .receivesMessage("hello", Map.of("lang", "de"))))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive a message with text \"hello\" and property lang=\"de\" within 50"
                + " ms\n"
                + "but none of the 2 messages received in <t> matched; the closest, message 1,"
                + " differs in property \"lang\": expected \"de\" (String) but was \"en\""
                + " (String):\n"
                + "  1. \"hello\" {lang=\"en\"}\n"
                + "  2. \"help\" {}");
  }

  @Test
  void receivesMessageWithPropertiesComparesValueTypes() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q").send("a", Map.of("count", 1));
    receiver.receive();

    assertThatReceiver(receiver).within(LONG).receivesMessageWithProperties(Map.of("count", 1));
    assertThat(
            failure(
                () ->
                    assertThatReceiver(receiver)
                        .within(SHORT)
                        .receivesMessageWithProperties(Map.of("count", 1L))))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive a message with property count=1L within 50 ms\n"
                + "but none of the 1 message received in <t> matched; the closest, message 1,"
                + " differs in property \"count\": expected 1L (Long) but was 1 (Integer):\n"
                + "  1. \"a\" {count=1}");
  }

  @Test
  void receivesMessageWithTypePassesAndFails() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q").message("a").type("order.created").send();
    receiver.receive();

    assertThatReceiver(receiver).within(LONG).receivesMessageWithType("order.created");
    assertThat(
            failure(
                () ->
                    assertThatReceiver(receiver)
                        .within(SHORT)
                        .receivesMessageWithType("order.deleted")))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive a message with JMSType \"order.deleted\" within 50 ms\n"
                + "but none of the 1 message received in <t> matched; the closest, message 1,"
                + " differs in JMSType: expected \"order.deleted\" but was \"order.created\":\n"
                + "  1. \"a\" {} JMSType=\"order.created\"");
  }

  @Test
  void receivesMessageOnAnEmptyReceiverSaysNothingArrived() {
    MessageReceiver receiver = host.queueReceiver("q");

    assertThat(
            failure(() -> assertThatReceiver(receiver).within(SHORT).receivesMessageWithText("x")))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive a message with text \"x\" within 50 ms\n"
                + "but received 0 messages in <t>");
  }

  // ---- order

  @Test
  void receivesInOrderPassesAndFailsAtTheFirstDifference() {
    MessageReceiver receiver = host.queueReceiver("q");
    MessageSender sender = host.queueSender("q");
    sender.send("a");
    sender.send("c");
    sender.send("b");

    assertThatReceiver(receiver).within(LONG).receivesInOrder("a", "c", "b");
    assertThat(
            failure(() -> assertThatReceiver(receiver).within(LONG).receivesInOrder("a", "b", "c")))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive \"a\", \"b\", \"c\" in this order within 5 s\n"
                + "but message 2 was \"c\" instead of \"b\"; received 3 messages in <t>:\n"
                + "  1. \"a\" {}\n"
                + "  2. \"c\" {}\n"
                + "  3. \"b\" {}");
  }

  @Test
  void receivesSentMessagesInOrderPassesAndFails() {
    MessageReceiver receiver = host.queueReceiver("q");
    MessageSender sender = host.queueSender("q");
    SentMessage a = sender.send("a");
    SentMessage b = sender.send("b");

    assertThatReceiver(receiver).within(LONG).receivesInOrder(List.of(a, b));
    assertThat(
            failure(() -> assertThatReceiver(receiver).within(LONG).receivesInOrder(List.of(b, a))))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive 2 messages in the order listed\n"
                + "but position 1 holds ID:x \"a\" {}, number 2 in the list, instead of ID:x \"b\""
                + " {}");
  }

  @Test
  void receivesEachOnceFailsListingTheMissingMessage() {
    MessageReceiver receiver = host.queueReceiver("q");
    SentMessage here = host.queueSender("q").send("here");
    SentMessage lost = host.queueSender("elsewhere").send("lost", Map.of("k", true));
    receiver.receive(); // "here" has arrived: only "lost" can be missing, however slow the machine

    assertThat(
            failure(
                () ->
                    assertThatReceiver(receiver)
                        .within(SHORT)
                        .receivesEachOnce(List.of(here, lost))))
        .isEqualTo(
            "Expecting queue \"q\"\n"
                + "to receive every one of 2 messages exactly once within 50 ms\n"
                + "but after <t>:\n"
                + "  receiver 1 (queue \"q\"): got 1 of 2, missing 1, duplicated 0\n"
                + "    missing: ID:x \"lost\" {k=true}");
  }

  // ---- several receivers: fan-out and competing consumers

  @ParameterizedTest
  @ValueSource(ints = {2, 5})
  void everyTopicSubscriberGetsEveryMessage(int subscribers) {
    List<MessageReceiver> receivers = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      receivers.add(host.topicSubscriber("news"));
    }
    List<SentMessage> sent = sendTexts(host.topicSender("news"), 20);

    assertThatReceivers(receivers).within(LONG).fanOut(sent);
    for (MessageReceiver receiver : receivers) {
      assertThat(receiver.received()).hasSize(20);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5})
  void queueReceiversCompeteSoEachMessageReachesOne(int count) {
    List<MessageReceiver> receivers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      receivers.add(host.queueReceiver("work"));
    }
    List<SentMessage> sent = sendTexts(host.queueSender("work"), 50);

    assertThatReceivers(receivers).within(LONG).competeFor(sent);
    assertThat(receivers.stream().mapToInt(r -> r.received().size()).sum()).isEqualTo(50);
  }

  @Test
  void fanOutFailsListingWhatEachReceiverMissed() {
    MessageReceiver ones = host.queueReceiver("q", "n = 1");
    MessageReceiver twos = host.queueReceiver("q", "n = 2");
    MessageSender sender = host.queueSender("q");
    List<SentMessage> sent =
        List.of(sender.send("m1", Map.of("n", 1)), sender.send("m2", Map.of("n", 2)));
    ones.receive(); // each selector's message has arrived before the short assertion starts
    twos.receive();

    assertThat(failure(() -> assertThatReceivers(ones, twos).within(SHORT).fanOut(sent)))
        .isEqualTo(
            "Expecting 2 receivers [1: queue \"q\" with selector \"n = 1\", 2: queue \"q\" with"
                + " selector \"n = 2\"]\n"
                + "to each receive every one of 2 messages exactly once within 50 ms\n"
                + "but after <t>:\n"
                + "  receiver 1 (queue \"q\" with selector \"n = 1\"): got 1 of 2, missing 1,"
                + " duplicated 0\n"
                + "    missing: ID:x \"m2\" {n=2}\n"
                + "  receiver 2 (queue \"q\" with selector \"n = 2\"): got 1 of 2, missing 1,"
                + " duplicated 0\n"
                + "    missing: ID:x \"m1\" {n=1}");
  }

  @Test
  void competeForFailsListingDuplicatesPerReceiverAndMissingMessages() {
    MessageReceiver first = host.topicSubscriber("t");
    MessageReceiver second = host.topicSubscriber("t");
    SentMessage both = host.topicSender("t").send("t1");
    SentMessage lost = host.queueSender("elsewhere").send("lost");
    first.receive(); // both copies have arrived before the short assertion starts
    second.receive();

    assertThat(
            failure(
                () ->
                    assertThatReceivers(first, second)
                        .within(SHORT)
                        .competeFor(List.of(both, lost))))
        .isEqualTo(
            "Expecting 2 receivers [1: topic \"t\", 2: topic \"t\"]\n"
                + "to share 2 messages, each reaching exactly one receiver once, within 50 ms\n"
                + "but after <t>: 1 reached no receiver, 1 reached several receivers or one"
                + " twice:\n"
                + "  missing (reached no receiver): ID:x \"lost\" {}\n"
                + "  receiver 1 (topic \"t\"): got 1 of 2, duplicated 1\n"
                + "    duplicated: ID:x \"t1\" {} (receiver 1 x1, receiver 2 x1)\n"
                + "  receiver 2 (topic \"t\"): got 1 of 2, duplicated 1\n"
                + "    duplicated: ID:x \"t1\" {} (receiver 1 x1, receiver 2 x1)");
  }

  // ---- one message

  @Test
  void messageAssertionsPassOnAMatchingMessage() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q")
        .message("hello")
        .property("type", "test")
        .property("nothing", null)
        .type("greeting")
        .correlationId("c-1")
        .priority(6)
        .send();

    assertThatMessage(receiver.receive())
        .hasText("hello")
        .hasProperty("type", "test")
        .hasProperty("type")
        .hasProperty("nothing")
        .hasProperty("nothing", null)
        .doesNotHaveProperty("missing")
        .hasType("greeting")
        .hasCorrelationId("c-1")
        .hasPriority(6)
        .isNotRedelivered();
  }

  @Test
  void messageAssertionsFailNamingTheMessageAndTheField() {
    MessageReceiver receiver = host.queueReceiver("q");
    host.queueSender("q")
        .message("hello")
        .property("type", "test")
        .property("nothing", null)
        .type("greeting")
        .correlationId("c-1")
        .send();
    ReceivedMessage message = receiver.receive();
    String expecting =
        "Expecting message ID:x \"hello\" {nothing=null, type=\"test\"} JMSType=\"greeting\"\n";

    assertThat(failure(() -> assertThatMessage(message).hasText("bye")))
        .isEqualTo(expecting + "to have text \"bye\"\nbut had \"hello\"");
    assertThat(failure(() -> assertThatMessage(message).hasProperty("type", "prod")))
        .isEqualTo(
            expecting
                + "to have property type=\"prod\" (String)\nbut it had type=\"test\" (String)");
    assertThat(failure(() -> assertThatMessage(message).hasProperty("other", "x")))
        .isEqualTo(
            expecting
                + "to have property other=\"x\" (String)\nbut it has no property of that name");
    assertThat(failure(() -> assertThatMessage(message).hasProperty("missing")))
        .isEqualTo(expecting + "to have property \"missing\"\nbut it has no property of that name");
    assertThat(failure(() -> assertThatMessage(message).doesNotHaveProperty("nothing")))
        .isEqualTo(expecting + "to not have property \"nothing\"\nbut it has nothing=null");
    assertThat(failure(() -> assertThatMessage(message).hasType("farewell")))
        .isEqualTo(expecting + "to have JMSType \"farewell\"\nbut had \"greeting\"");
    assertThat(failure(() -> assertThatMessage(message).hasCorrelationId("c-2")))
        .isEqualTo(expecting + "to have correlation id \"c-2\"\nbut had \"c-1\"");
    assertThat(failure(() -> assertThatMessage(message).hasPriority(9)))
        .isEqualTo(expecting + "to have priority 9\nbut had 4");
    assertThat(failure(() -> assertThatMessage(message).isRedelivered()))
        .isEqualTo(expecting + "to be redelivered\nbut it was a first delivery (delivery count 1)");
    assertThat(failure(() -> assertThatMessage(message).hasBytes(new byte[] {1})))
        .isEqualTo(expecting + "to have bytes [1]\nbut its body is TEXT, not BYTES");
  }

  @Test
  void bytesAndMapBodyAssertionsPassAndFail() {
    MessageReceiver receiver = host.queueReceiver("q");
    MessageSender sender = host.queueSender("q");
    sender.send(new byte[] {1, 2, 3});
    sender.sendMap(Map.of("amount", 10));
    List<ReceivedMessage> messages = receiver.receive(2);

    assertThatMessage(messages.get(0)).hasBytes(new byte[] {1, 2, 3});
    assertThatMessage(messages.get(1)).hasMapBody(Map.of("amount", 10));
    assertThat(failure(() -> assertThatMessage(messages.get(0)).hasBytes(new byte[] {1, 5, 3})))
        .isEqualTo(
            "Expecting message ID:x byte[3] {}\n"
                + "to have bytes [1, 5, 3]\n"
                + "but had [1, 2, 3] (first difference at index 1)");
    assertThat(failure(() -> assertThatMessage(messages.get(1)).hasMapBody(Map.of("amount", 11))))
        .isEqualTo(
            "Expecting message ID:x map {amount=10} {}\n"
                + "to have map body {amount=11}\n"
                + "but had {amount=10}");
  }

  @Test
  void aLongBytesBodyIsShownByItsFirst64BytesAndLength() {
    MessageReceiver receiver = host.queueReceiver("q");
    byte[] body = new byte[100_000];
    host.queueSender("q").send(body);
    ReceivedMessage message = receiver.receive();
    byte[] other = body.clone();
    other[99_999] = 1;

    assertThatMessage(message).hasBytes(body.clone());
    String zeros = String.join(", ", java.util.Collections.nCopies(64, "0"));
    assertThat(failure(() -> assertThatMessage(message).hasBytes(other)))
        .isEqualTo(
            "Expecting message ID:x byte[100000] {}\n"
                + "to have bytes ["
                + zeros
                + ", ... (100000 bytes)]\n"
                + "but had ["
                + zeros
                + ", ... (100000 bytes)] (first difference at index 99999)");
  }

  @Test
  void redeliveryIsVisibleOnASnapshotOfAPlainJmsMessage() throws Exception {
    host.queueSender("q").send("again");
    try (Connection connection = host.connectionFactory().createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
      assertThat(consumer.receive(5_000)).isNotNull();
      session.recover();
      Message redelivered = consumer.receive(5_000);

      ReceivedMessage snapshot = ReceivedMessage.from(redelivered);

      assertThatMessage(snapshot).hasText("again").isRedelivered();
      assertThat(snapshot.deliveryCount()).isEqualTo(2);
      assertThat(failure(() -> assertThatMessage(snapshot).isNotRedelivered()))
          .isEqualTo(
              "Expecting message ID:x \"again\" {}\n"
                  + "to be a first delivery\n"
                  + "but it was redelivered (delivery count 2)");
    }
  }

  private static List<SentMessage> sendTexts(MessageSender sender, int count) {
    List<SentMessage> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(sender.send("m" + i));
    }
    return sent;
  }
}
