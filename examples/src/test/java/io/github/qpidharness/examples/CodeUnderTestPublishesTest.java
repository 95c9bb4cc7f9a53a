package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;

// snippet:start code-under-test
@WithBroker(topics = OrderService.ORDERS_TOPIC)
class CodeUnderTestPublishesTest {

  @Test
  void placingAnOrderAnnouncesIt(
      ConnectionFactory connectionFactory,
      @Topic(OrderService.ORDERS_TOPIC) MessageReceiver orderEvents) {
    new OrderService(connectionFactory).place("42", 1999);

    assertThat(orderEvents.receive())
        .hasType("OrderPlaced")
        .hasText("{\"order\":\"42\"}")
        .hasProperty("orderId", "42")
        .hasProperty("amountCents", 1999L);
  }
}
// snippet:end code-under-test
