package io.github.qpidharness.examples.spring.suite;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.examples.spring.OrderApplication;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.spring.WithQpidBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;

/** The listener runs on the test's host from before the first {@code @BeforeEach} method on. */
@SpringBootTest
@WithQpidBroker
class ListenerLifecycleTest {

  private final JmsTemplate orders = new JmsTemplate();
  private MessageReceiver events;

  @BeforeEach
  void placeAnOrderBeforeTheTest(
      @Autowired jakarta.jms.ConnectionFactory connectionFactory,
      @Topic(OrderApplication.ORDER_EVENTS) MessageReceiver events) {
    this.events = events;
    orders.setConnectionFactory(connectionFactory);
    orders.convertAndSend(OrderApplication.ORDERS, "100,globe,1");
  }

  @RepeatedTest(8)
  void anOrderPlacedInBeforeEachIsProcessedOnThisTestsHost(TestBroker broker) {
    orders.convertAndSend(OrderApplication.ORDERS, "101,map,2");

    assertThat(events)
        .receivesInOrder("order 100 accepted: 1 x globe", "order 101 accepted: 2 x map");
    assertThat(broker.queueStats(OrderApplication.ORDERS).totalEnqueued()).isEqualTo(2);
    assertThat(broker.queueStats(OrderApplication.ORDERS).totalDequeued()).isEqualTo(2);
  }

  @Test
  void theListenerConsumesWhatAnotherClientSentToTheQueue(TestBroker broker) {
    broker.queueSender(OrderApplication.ORDERS).send("102,atlas,3");

    assertThat(events)
        .receivesInOrder("order 100 accepted: 1 x globe", "order 102 accepted: 3 x atlas");
  }

  @Test
  void theListenerHasExactlyOneConsumerOnTheTestsQueue(TestBroker broker) {
    assertThat(broker.queueStats(OrderApplication.ORDERS).consumers()).isEqualTo(1);
    assertThat(events).receivesMessageWithText("order 100 accepted: 1 x globe");
  }
}
