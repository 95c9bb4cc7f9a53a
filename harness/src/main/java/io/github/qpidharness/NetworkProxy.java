package io.github.qpidharness;

import jakarta.jms.ConnectionFactory;
import java.time.Duration;

/**
 * A loopback TCP proxy between clients and one host, run by the harness, that can cut, freeze or
 * slow the network so that a test can exercise a client's reconnect and idle-timeout logic.
 *
 * <p>It listens on {@code 127.0.0.1} on a port of its own and forwards every connection to the
 * broker's AMQP port. Its faults apply to the connections open now and to those opened later, until
 * {@link #restore()}. Closing it (or its host) closes every connection through it, its port and its
 * threads; closing twice is harmless, and any other call after close throws {@link
 * IllegalStateException}.
 */
public interface NetworkProxy extends AutoCloseable {

  /** The proxy's own port on {@code 127.0.0.1}. */
  int port();

  /**
   * A qpid-jms URL that reaches the proxy's host through the proxy, with finite client timeouts.
   */
  String url();

  /** A new qpid-jms connection factory for {@link #url()}. */
  ConnectionFactory connectionFactory();

  /**
   * Like {@link #connectionFactory()}, with qpid-jms's {@code amqp.idleTimeout} set: the client
   * fails a connection on which nothing arrived for that long, which is how it notices a frozen
   * network. Broker-J refuses a connection whose client asks for an idle timeout below 2 s (the
   * client announces half of its timeout, and Broker-J's minimum is 1 s).
   *
   * @throws IllegalArgumentException if {@code idleTimeout} is below 2 s or above {@code
   *     Integer.MAX_VALUE} ms
   */
  ConnectionFactory connectionFactory(Duration idleTimeout);

  /**
   * Closes every connection through the proxy now, as a network failure would; new connections are
   * accepted again.
   */
  void cut();

  /**
   * Stops forwarding in both directions without closing anything: bytes wait in the proxy (and in
   * the sockets' buffers) until {@link #thaw()} or {@link #restore()}.
   */
  void freeze();

  /** Resumes forwarding after {@link #freeze()}, in order, nothing lost. */
  void thaw();

  /**
   * Delays every chunk of bytes by {@code latency} in each direction, from now on.
   *
   * @throws IllegalArgumentException if {@code latency} is null, negative or above one hour
   */
  void latency(Duration latency);

  /** Ends every fault: forwarding resumes, with no added latency. */
  void restore();

  /** Closes every connection through the proxy, its port and its threads. Idempotent. */
  @Override
  void close();
}
