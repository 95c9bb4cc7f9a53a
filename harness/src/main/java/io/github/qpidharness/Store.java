package io.github.qpidharness;

/** Where a broker keeps its hosts' queues, topics and messages. */
public enum Store {
  /**
   * In memory (the default): fastest, and nothing outlives the broker; a {@link
   * EmbeddedBroker#restart() restart} brings the hosts back empty.
   */
  MEMORY,

  /**
   * Broker-J's Apache Derby store in the broker's work directory: on every host made with {@link
   * EmbeddedBroker#createHost createHost}, {@link EmbeddedBroker#isolatedHost() isolatedHost} or
   * found with {@link EmbeddedBroker#host host}, declared queues and topics, durable subscriptions
   * and persistent messages on them survive a restart, and a {@link
   * EmbeddedBroker.Builder#workDirectory user-given work directory} survives the broker. The
   * default host (the one {@link EmbeddedBroker#connectionFactory()} reaches) stays in memory and
   * keeps nothing across restarts.
   */
  DERBY
}
