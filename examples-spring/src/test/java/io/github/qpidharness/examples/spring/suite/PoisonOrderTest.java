package io.github.qpidharness.examples.spring.suite;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.examples.spring.OrderApplication;
import io.github.qpidharness.examples.spring.OrderListener;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.spring.WithQpidBroker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An order the listener cannot read is delivered again (the listener's transaction rolls back),
 * three times in all, and then lands on the dead-letter queue that {@code OrderQueues} declares.
 */
@SpringBootTest
@WithQpidBroker
class PoisonOrderTest {
  private static final int ATTEMPTS = 3;

  @Autowired OrderListener listener;

  @ParameterizedTest
  @ValueSource(strings = {"not an order", "7,book,many", "8,book,0", ",book,1", "9,,1"})
  void anUnreadableOrderIsRetriedThenDeadLettered(
      String order,
      TestBroker broker,
      @Queue(OrderApplication.ORDERS) MessageSender orders,
      @Queue("orders.dlq") MessageReceiver deadLetters,
      @Topic(OrderApplication.ORDER_EVENTS) MessageReceiver events) {
    int rejectedBefore = listener.rejectedDeliveries();

    orders.send(order);

    assertThat(deadLetters).receivesMessageWithText(order);
    assertThat(listener.rejectedDeliveries() - rejectedBefore).isEqualTo(ATTEMPTS);
    assertThat(broker.queueStats(OrderApplication.ORDERS).depth()).isZero();
    assertThat(events).untilSettled().receivesNothing();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "1,pen,-1", "2,pen,", "3,pen,1,extra", ""})
  void aPoisonOrderDoesNotHoldUpTheNextOne(
      String poison,
      @Queue(OrderApplication.ORDERS) MessageSender orders,
      @Queue("orders.dlq") MessageReceiver deadLetters,
      @Topic(OrderApplication.ORDER_EVENTS) MessageReceiver events) {
    orders.send(poison);
    orders.send("5,pen,2");

    assertThat(events).receivesMessageWithText("order 5 accepted: 2 x pen");
    assertThat(deadLetters).receivesMessageWithText(poison);
    assertThat(events).untilSettled().receivesExactly(1);
  }
}
