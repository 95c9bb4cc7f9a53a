package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.Store;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.junit5.WithBroker;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;

/**
 * What survives a broker restart on the Derby store. The class gets a broker of its own (store =
 * DERBY implies it), so restarting it disturbs no other class's tests.
 */
@WithBroker(store = Store.DERBY)
class BrokerRestartTest {

  // snippet:start broker-restart
  @Test
  void aDurableSubscriptionOfflineAcrossARestartGetsWhatWasPublishedBefore(
      EmbeddedBroker broker, TestBroker host) {
    host.durableSubscriber("prices", "dashboard").close();
    host.topicSender("prices").send("EUR 1.08");

    broker.restart();

    assertThat(host.durableSubscriber("prices", "dashboard").receive()).hasText("EUR 1.08");
  }

  // snippet:end broker-restart

  @Test
  void aCommittedTransactionSurvivesARestartAndAnUncommittedOneDoesNot(
      EmbeddedBroker broker, TestBroker host) {
    host.declareQueue("payments");
    JMSContext transacted = host.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED);
    transacted.createProducer().send(transacted.createQueue("payments"), "committed");
    transacted.commit();
    transacted.createProducer().send(transacted.createQueue("payments"), "in flight");

    broker.restart();
    transacted.close();

    MessageReceiver payments = host.queueReceiver("payments");
    assertThat(payments).receivesExactly(1);
    assertThat(payments.receive()).hasText("committed");
  }

  @Test
  void aPersistentMessageSurvivesARestartAndANonPersistentOneDoesNot(
      EmbeddedBroker broker, TestBroker host) {
    MessageSender orders = host.queueSender("orders");
    orders.message("persistent").deliveryMode(DeliveryMode.PERSISTENT).send();
    orders.message("non-persistent").deliveryMode(DeliveryMode.NON_PERSISTENT).send();

    broker.restart();

    MessageReceiver receiver = host.queueReceiver("orders");
    assertThat(receiver).receivesExactly(1);
    assertThat(receiver.receive()).hasText("persistent");
  }
}
