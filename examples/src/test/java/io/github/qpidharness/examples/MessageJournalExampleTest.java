package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.JMSContext;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

// snippet:start journal
@WithBroker(topics = OrderService.ORDERS_TOPIC, queues = "shipments")
class MessageJournalExampleTest {

  @Test
  void whatTheCodePublishedIsInTheJournalWithoutSubscribingFirst(TestBroker host) {
    // Nobody subscribes to the topic: the broker routes the event nowhere, the journal keeps it.
    new OrderService(host.connectionFactory()).place("42", 1999);

    assertThat(host.journal())
        .hasPublished(OrderService.ORDERS_TOPIC, "{\"order\":\"42\"}", Map.of("orderId", "42"))
        .hasType("OrderPlaced");
  }

  @Test
  void aServiceWithItsOwnListenerIsNotCompetedWith(TestBroker host) throws Exception {
    CountDownLatch shipped = new CountDownLatch(1);
    try (JMSContext service = host.connectionFactory().createContext()) {
      service
          .createConsumer(service.createQueue("shipments"))
          .setMessageListener(message -> shipped.countDown());
      host.queueSender("shipments").send("ship 42");

      assertThat(host.journal()).hasPublished("shipments", "ship 42", Map.of());
      assertThat(host.journal()).hasConsumed("shipments", "ship 42");
    }
  }
}
// snippet:end journal
