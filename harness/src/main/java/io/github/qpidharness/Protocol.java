package io.github.qpidharness;

/** An AMQP protocol version the embedded broker can accept on its port. */
public enum Protocol {
  /** AMQP 1.0, spoken by qpid-jms, Qpid Proton and most current clients. Always enabled. */
  AMQP_1_0("AMQP_1_0"),
  /** AMQP 0-9-1 (with 0-8 and 0-9), spoken by RabbitMQ clients such as Python's pika. */
  AMQP_0_9_1("AMQP_0_8", "AMQP_0_9", "AMQP_0_9_1"),
  /** AMQP 0-10, spoken by the Python {@code qpid.messaging} client and the Qpid C++ clients. */
  AMQP_0_10("AMQP_0_10");

  private final String[] brokerNames;

  Protocol(String... brokerNames) {
    this.brokerNames = brokerNames;
  }

  /** The Broker-J protocol names this option enables on the port. */
  String[] brokerNames() {
    return brokerNames.clone();
  }
}
