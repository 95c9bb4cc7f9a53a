package io.github.qpidharness.examples;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.TestBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness without the JUnit extension: a broker, a host, a sender and a receiver. */
class PlainJavaTest {

  @Test
  void aBrokerInFiveLinesOfPlainJava() {
    // snippet:start plain-java
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestBroker host = broker.createHost("demo")) {
      MessageReceiver receiver = host.queueReceiver("orders");
      host.queueSender("orders").send("Testing", Map.of("type", "test"));
      assertThat(receiver.receive()).hasText("Testing").hasProperty("type", "test");
    }
    // snippet:end plain-java
  }
}
