package io.github.qpidharness;

import jakarta.jms.ConnectionFactory;

/**
 * A broker that tests run against: in this JVM ({@link EmbeddedBroker}) today, possibly elsewhere
 * later. Hands out isolated hosts and connection details, and can be restarted.
 */
public interface MessageBroker extends AutoCloseable {

  /** The AMQP port clients connect to. */
  int amqpPort();

  /** A plain {@code amqp://address:port} URL of the default host. */
  String amqpUrl();

  /** A new qpid-jms connection factory for the default host, with finite client timeouts. */
  ConnectionFactory connectionFactory();

  /** Where the broker keeps its hosts' queues and messages. */
  Store store();

  /**
   * Creates a fresh isolated host named {@code name}.
   *
   * @throws IllegalArgumentException if the name is invalid or a host of that name exists
   */
  TestBroker createHost(String name);

  /** A fresh isolated host under a name no earlier user learned. */
  TestBroker isolatedHost();

  /**
   * Stops the broker and starts it again in place, returning when it is ready; see {@link
   * EmbeddedBroker#restart()} for what survives.
   */
  void restart();

  /**
   * Takes the broker down until the returned {@link Outage} closes; see {@link
   * EmbeddedBroker#outage()}.
   */
  Outage outage();

  /** True once {@link #close()} was called. */
  boolean isClosed();

  /** Stops the broker; idempotent. */
  @Override
  void close();
}
