package io.github.qpidharness.examples.spring.suite;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.examples.spring.OrderApplication;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.spring.TestHostConnectionFactory;
import io.github.qpidharness.spring.WithQpidBroker;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Every test starts on a host of its own that no earlier test left anything on. */
@SpringBootTest
@WithQpidBroker
@TestInstance(Lifecycle.PER_CLASS)
class NoCrossTalkTest {
  private final Set<String> hostsSeen = new HashSet<>();

  @Autowired TestHostConnectionFactory connectionFactory;

  @RepeatedTest(10)
  void eachTestSeesOnlyItsOwnOrdersAndEvents(
      RepetitionInfo repetition,
      TestBroker broker,
      @Queue(OrderApplication.ORDERS) MessageSender orders,
      @Topic(OrderApplication.ORDER_EVENTS) MessageReceiver events) {
    assertThat(hostsSeen.add(broker.name())).as("a host no earlier test had").isTrue();
    assertThat(connectionFactory.currentHost()).containsSame(broker);
    assertThat(broker.queueNames()).doesNotContain("leftovers");
    assertThat(broker.queueStats(OrderApplication.ORDERS).totalEnqueued()).isZero();

    int id = repetition.getCurrentRepetition();
    orders.send(id + ",widget,1");

    assertThat(events).receivesMessageWithText("order " + id + " accepted: 1 x widget");
    assertThat(events).untilSettled().receivesExactly(1);
    // Something for the next test not to find.
    broker.queueSender("leftovers").send("from test " + id);
  }
}
