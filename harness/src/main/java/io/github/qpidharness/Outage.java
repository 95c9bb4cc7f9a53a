package io.github.qpidharness;

/**
 * A broker outage in progress, begun by {@link EmbeddedBroker#outage()}: the broker is down, its
 * port refuses every connection, and {@link #close()} brings it back on the same port.
 *
 * <p>What survives is what survives {@link EmbeddedBroker#restart()}: with {@link Store#DERBY}, the
 * declared queues and topics, durable subscriptions and persistent messages; with {@link
 * Store#MEMORY}, the hosts, empty. Failover clients ({@link
 * TestBroker#failoverConnectionFactory()}) reconnect once it is over, if it ends within their
 * reconnect window; the harness's own senders and receivers from before it do not.
 */
public interface Outage extends AutoCloseable {

  /** True until {@link #close()} has brought the broker back. */
  boolean isOngoing();

  /**
   * Ends the outage: the broker starts again on the same port and work directory, and this returns
   * once it is ready. Idempotent.
   *
   * @throws BrokerStartException if the broker cannot start again; it is closed then
   */
  @Override
  void close();
}
