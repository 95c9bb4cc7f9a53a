package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** fanOut, competeFor and receivesEachOnce read any CollectedMessages: receivers, journal views. */
class CollectedMessagesTest extends OnIsolatedHost {
  @Test
  void theJournalsViewOfATopicFansOutWithItsSubscribers() {
    MessageReceiver first = host.topicSubscriber("events");
    MessageReceiver second = host.topicSubscriber("events");
    MessageSender sender = host.topicSender("events");
    List<SentMessage> sent = List.of(sender.send("e1"), sender.send("e2"));

    HarnessAssertions.assertThatReceivers(first, second, host.journal().publishedTo("events"))
        .fanOut(sent);
  }

  @Test
  void theJournalsViewOfAQueueShowsEachMessageOnceWithoutCompetingWithTheConsumer() {
    MessageReceiver service = host.queueReceiver("orders");
    MessageSender sender = host.queueSender("orders");
    List<SentMessage> sent = List.of(sender.send("o1"), sender.send("o2"));

    HarnessAssertions.assertThatReceivers(host.journal().publishedTo("orders")).fanOut(sent);
    HarnessAssertions.assertThat(service).receivesExactly(2);
  }

  @Test
  void aFanOutMissingFromTheJournalViewNamesIt() {
    MessageReceiver subscriber = host.topicSubscriber("events");
    SentMessage sent = host.topicSender("events").send("e1");

    Throwable thrown =
        catchThrowable(
            () ->
                HarnessAssertions.assertThatReceivers(
                        subscriber, host.journal().publishedTo("other"))
                    .within(Duration.ofMillis(100))
                    .fanOut(List.of(sent)));

    assertThat(thrown).isInstanceOf(AssertionError.class);
    assertThat(thrown.getMessage()).contains("the journal of \"other\"");
  }

  @Test
  void aSourceOfTheTestsOwnWorksWithoutBeingAReceiverOfTheHarness() {
    MessageReceiver receiver = host.queueReceiver("orders");
    SentMessage sent = host.queueSender("orders").send("o1");
    ReceivedMessage message = receiver.receive();
    Recorded own = new Recorded();
    own.messages.add(message);

    HarnessAssertions.assertThatReceivers(receiver, own).fanOut(List.of(sent));
  }

  /** A minimal implementation, as a user's own source would be. */
  private static final class Recorded implements CollectedMessages {
    final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public String description() {
      return "recorded";
    }

    @Override
    public List<ReceivedMessage> received() {
      return List.copyOf(messages);
    }

    @Override
    public Registration onArrival(Runnable listener) {
      return () -> {};
    }

    @Override
    public boolean isClosed() {
      return false;
    }
  }
}
