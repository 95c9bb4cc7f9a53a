package io.github.qpidharness;

import jakarta.jms.ConnectionFactory;
import java.util.List;

/**
 * One isolated virtual host on an {@link EmbeddedBroker}: its own queues, topics and messages,
 * invisible to every other host.
 *
 * <p>Clients reach only this host through {@link #url()} or {@link #connectionFactory()}. Closing
 * the handle deletes the host with everything on it; closing twice is harmless, and any other call
 * after close throws {@link IllegalStateException}.
 */
public interface TestBroker extends AutoCloseable {

  /**
   * The host's name, which AMQP clients send as the virtual host (e.g. qpid-jms {@code
   * amqp.vhost}).
   */
  String name();

  /** A qpid-jms URL that reaches this host, with finite client timeouts. */
  String url();

  /** A new qpid-jms connection factory that reaches this host, with finite client timeouts. */
  ConnectionFactory connectionFactory();

  /** Declares a standard queue; declaring an existing queue with the same options does nothing. */
  default void declareQueue(String name) {
    declareQueue(name, QueueOptions.standard());
  }

  /**
   * Declares a queue with the given options.
   *
   * @throws IllegalArgumentException if the name is invalid, or a queue or topic of that name
   *     already exists with other options
   */
  void declareQueue(String name, QueueOptions options);

  /**
   * Declares a topic: a topic exchange of that name, so every subscriber gets its own copy of each
   * message. Declaring an existing topic does nothing.
   */
  void declareTopic(String name);

  /** Deletes a queue and the messages on it. */
  void deleteQueue(String name);

  /** Removes every message from a queue and returns how many were removed. */
  long purgeQueue(String name);

  /** Names of the queues on this host, sorted, including subscription queues of topics. */
  List<String> queueNames();

  /** Names of the topics declared on this host, sorted. */
  List<String> topicNames();

  /**
   * Reads a queue's statistics now.
   *
   * @throws IllegalArgumentException if no such queue exists; the message lists those that do
   */
  QueueStats queueStats(String name);

  /** Deletes the host with all its queues, topics and messages. Idempotent. */
  @Override
  void close();
}
