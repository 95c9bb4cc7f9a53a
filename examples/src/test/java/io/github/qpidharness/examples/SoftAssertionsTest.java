package io.github.qpidharness.examples;

import io.github.qpidharness.HarnessSoftAssertions;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.ReceivedMessage;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;

@WithBroker(topics = OrderService.ORDERS_TOPIC)
class SoftAssertionsTest {

  // snippet:start soft-assertions
  @Test
  void everyDifferenceInTheEventIsReportedAtOnce(
      ConnectionFactory connectionFactory,
      @Topic(OrderService.ORDERS_TOPIC) MessageReceiver orderEvents) {
    new OrderService(connectionFactory).place("42", 1999);

    HarnessSoftAssertions.assertSoftly(
        softly -> {
          ReceivedMessage placed = orderEvents.receive();
          softly.assertThat(placed).as("order event").hasType("OrderPlaced");
          softly.assertThat(placed).hasProperty("orderId", "42");
          softly.assertThat(placed).hasProperty("amountCents", 1999L);
          softly.assertThat(orderEvents).receivesExactly(1);
        });
  }
  // snippet:end soft-assertions
}
