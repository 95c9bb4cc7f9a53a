package io.github.qpidharness.benchmarks;

import io.github.qpidharness.EmbeddedBroker;
import jakarta.jms.ConnectionFactory;

/** A broker under test, whichever implementation runs it. */
interface BrokerUnderTest extends AutoCloseable {

  /** A qpid-jms connection factory for the broker's default host. */
  ConnectionFactory connectionFactory();

  @Override
  void close();

  /** The brokers compared; the first is the baseline of start-up figures. */
  enum Kind {
    RAW_BROKER_J("raw Broker-J (SystemLauncher, untuned)"),
    HARNESS("harness (EmbeddedBroker.start())"),
    ARTEMIS("Artemis 2.55.0 embedded"),
    RAW_BROKER_J_TUNED("raw Broker-J (SystemLauncher, tuned like the harness)");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }

    BrokerUnderTest start() {
      return switch (this) {
        case RAW_BROKER_J -> RawBrokerJ.start(false);
        case RAW_BROKER_J_TUNED -> RawBrokerJ.start(true);
        case HARNESS -> new Harness(EmbeddedBroker.start());
        case ARTEMIS -> ArtemisEmbedded.start();
      };
    }
  }

  /** The harness as a {@link BrokerUnderTest}. */
  record Harness(EmbeddedBroker broker) implements BrokerUnderTest {
    @Override
    public ConnectionFactory connectionFactory() {
      return broker.connectionFactory();
    }

    @Override
    public void close() {
      broker.close();
    }
  }
}
