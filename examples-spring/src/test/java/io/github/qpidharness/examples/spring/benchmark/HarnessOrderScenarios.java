package io.github.qpidharness.examples.spring.benchmark;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.ReceiverAssert;
import io.github.qpidharness.examples.spring.OrderApplication;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.spring.WithQpidBroker;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The benchmark's ten tests on qpid-harness: an order in, exactly one event out, "nothing more"
 * checked once the host settled (the listener is done), without a quiet period.
 */
@SpringBootTest
@WithQpidBroker
public abstract class HarnessOrderScenarios {

  @RepeatedTest(10)
  void anOrderBecomesExactlyOneEvent(
      RepetitionInfo repetition,
      @Queue(OrderApplication.ORDERS) MessageSender orders,
      @Topic(OrderApplication.ORDER_EVENTS) MessageReceiver events) {
    int id = repetition.getCurrentRepetition();
    orders.send(id + ",book,1");

    assertThat(events).receivesMessageWithText("order " + id + " accepted: 1 x book");
    nothingMore(assertThat(events)).receivesExactly(1);
  }

  /** How the test checks that no second event comes. */
  ReceiverAssert nothingMore(ReceiverAssert events) {
    return events.untilSettled();
  }
}
