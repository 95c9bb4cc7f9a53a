package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;

// snippet:start settled
@WithBroker(queues = ShipmentSplitter.ORDERS_QUEUE, topics = ShipmentSplitter.SHIPMENTS_TOPIC)
class SettledHostTest {

  @Test
  void anOrderOfTwoItemsBecomesExactlyTwoShipments(
      ConnectionFactory connectionFactory,
      @Queue(ShipmentSplitter.ORDERS_QUEUE) MessageSender orders,
      @Topic(ShipmentSplitter.SHIPMENTS_TOPIC) MessageReceiver shipments)
      throws Exception {
    try (ShipmentSplitter service = new ShipmentSplitter(connectionFactory)) {
      orders.send("42:book,pen");

      // Checked once the service is done with the order, not after a quiet period.
      assertThat(shipments).untilSettled().receivesExactly(2);
    }
  }

  @Test
  void anOrderNobodyListensToLeavesTheHostSettledWithTheOrderWaiting(TestBroker host) {
    host.queueSender(ShipmentSplitter.ORDERS_QUEUE).send("7:lamp");

    host.awaitSettled();

    assertThat(host.journal())
        .untilSettled()
        .hasPublishedNothingTo(ShipmentSplitter.SHIPMENTS_TOPIC);
  }
}
// snippet:end settled
