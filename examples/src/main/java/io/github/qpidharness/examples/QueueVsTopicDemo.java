package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThatReceivers;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.SentMessage;
import io.github.qpidharness.TestBroker;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The starting experiment, for a person to watch: two receivers on a queue split the messages, two
 * subscribers on a topic each get all of them. Run it with the README's first command.
 */
public final class QueueVsTopicDemo {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private QueueVsTopicDemo() {}

  /** Starts a broker, runs the experiment and prints the delivery tables. */
  public static void main(String[] args) {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    // The first line the user sees after Maven's quiet build: say what the next seconds are for.
    System.out.println(
        "Starting an embedded Broker-J (about two seconds, mostly class loading)...");
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestBroker host = broker.isolatedHost()) {
      System.out.println("Broker-J started at " + broker.amqpUrl() + ", host " + host.name());
      System.out.println();
      System.out.println(run(host, messages));
    }
  }

  /** Runs queue and topic with two receivers each on {@code host} and returns both tables. */
  public static String run(TestBroker host, int messages) {
    StringBuilder out = new StringBuilder();
    try (MessageSender sender = host.queueSender("orders");
        MessageReceiver first = host.queueReceiver("orders");
        MessageReceiver second = host.queueReceiver("orders")) {
      List<SentMessage> sent = sendTestMessages(sender, messages);
      assertThatReceivers(first, second).competeFor(sent);
      out.append("QUEUE \"orders\": two receivers compete, so each message reaches one of them.\n");
      out.append(table(sent, first, second));
    }
    out.append('\n');
    try (MessageSender sender = host.topicSender("events");
        MessageReceiver first = host.topicSubscriber("events");
        MessageReceiver second = host.topicSubscriber("events")) {
      List<SentMessage> sent = sendTestMessages(sender, messages);
      assertThatReceivers(first, second).fanOut(sent);
      out.append(
          "TOPIC \"events\": each subscriber has its own copy, so both get every message.\n");
      out.append(table(sent, first, second));
    }
    return out.toString();
  }

  private static List<SentMessage> sendTestMessages(MessageSender sender, int count) {
    List<SentMessage> sent = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String text = "Testing at " + LocalTime.now().format(CLOCK) + " #" + i;
      sent.add(sender.send(text, Map.of("type", "test")));
    }
    return sent;
  }

  private static String table(
      List<SentMessage> sent, MessageReceiver first, MessageReceiver second) {
    StringBuilder table = new StringBuilder();
    String row = "  %-28s %-11s %-11s %s%n";
    table.append(String.format(row, "message", "properties", "receiver-1", "receiver-2"));
    for (SentMessage message : sent) {
      table.append(
          String.format(
              row,
              message.text(),
              "type=" + message.properties().get("type"),
              got(first, message),
              got(second, message)));
    }
    table.append(
        String.format(
            row,
            "total received",
            "",
            first.received().size() + " of " + sent.size(),
            second.received().size() + " of " + sent.size()));
    return table.toString();
  }

  private static String got(MessageReceiver receiver, SentMessage message) {
    long copies =
        receiver.received().stream().filter(m -> m.messageId().equals(message.messageId())).count();
    return copies == 0 ? "-" : copies == 1 ? "got it" : "got " + copies + "x";
  }
}
