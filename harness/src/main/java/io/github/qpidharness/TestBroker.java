package io.github.qpidharness;

import jakarta.jms.ConnectionFactory;
import java.time.Duration;
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

  /**
   * A qpid-jms failover URL for this host, for clients that must survive {@link
   * #dropConnections()}, restarts and outages: {@code failover:(amqp://127.0.0.1:PORT?amqp.vhost=
   * NAME)?failover.*&jms.*}. The virtual host rides on the nested URL; the {@code jms.*} options on
   * the failover URL apply to the whole connection.
   *
   * <p>Its settings are sized for tests, so that a broker that does not come back fails the test
   * instead of hanging it: the client reconnects at once, then every 100 ms without back-off, for
   * as many attempts as fit in the harness's client timeout (15 s, scaled by {@link
   * HarnessTimeouts#scale()}), both when it first connects ({@code
   * failover.startupMaxReconnectAttempts}) and after losing the connection ({@code
   * failover.maxReconnectAttempts}); then the connection fails. Sends and requests wait at most the
   * client timeout ({@code jms.sendTimeout}, {@code jms.requestTimeout}).
   */
  String failoverUrl();

  /** A new qpid-jms connection factory for {@link #failoverUrl()}. */
  ConnectionFactory failoverConnectionFactory();

  /**
   * Starts a loopback TCP proxy to this host (see {@link NetworkProxy}), for tests that cut, freeze
   * or slow the network between a client and the broker. The proxy closes with the host.
   */
  NetworkProxy proxy();

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

  /**
   * A sender to the queue {@code queue}, declared as a standard queue if it does not exist yet.
   *
   * @throws IllegalArgumentException if the name is invalid or names a topic
   */
  MessageSender queueSender(String queue);

  /**
   * A sender to the topic {@code topic}, declared (see {@link #declareTopic}) if it does not exist
   * yet.
   *
   * @throws IllegalArgumentException if the name is invalid or names a queue
   */
  MessageSender topicSender(String topic);

  /**
   * A receiver competing for the messages of the queue {@code queue}, declared as a standard queue
   * if it does not exist yet.
   *
   * @throws IllegalArgumentException if the name is invalid or names a topic
   */
  MessageReceiver queueReceiver(String queue);

  /**
   * A receiver of the messages of queue {@code queue} that match the JMS {@code selector}; the
   * others stay on the queue for other receivers.
   *
   * @throws IllegalArgumentException if the name is invalid, names a topic, or the selector is not
   *     valid JMS selector syntax
   */
  MessageReceiver queueReceiver(String queue, String selector);

  /**
   * A receiver with its own subscription to topic {@code topic}: it gets a copy of every message
   * published from now on until it closes, which ends the subscription. (On the broker it is a
   * durable subscription under a random name, unsubscribed on close, which spares the test log
   * Broker-J's warning on every non-durable subscription close.)
   *
   * @throws IllegalArgumentException if the name is invalid or names a queue
   */
  MessageReceiver topicSubscriber(String topic);

  /**
   * A receiver with its own non-durable subscription to the messages of {@code topic} that match
   * the JMS {@code selector}.
   *
   * @throws IllegalArgumentException if the name is invalid, names a queue, or the selector is
   *     invalid
   */
  MessageReceiver topicSubscriber(String topic, String selector);

  /**
   * A receiver on the durable subscription {@code subscriptionName} to {@code topic}, created on
   * first use: messages published while no receiver is open wait for the next one. Closing the
   * receiver keeps the subscription; the host's deletion removes it.
   *
   * @throws IllegalArgumentException if a name is invalid or the topic name names a queue
   * @throws IllegalStateException if another receiver of the subscription is open
   */
  MessageReceiver durableSubscriber(String topic, String subscriptionName);

  /**
   * A receiver on the shared, non-durable subscription {@code subscriptionName} to {@code topic}:
   * all receivers of one shared subscription compete for its messages, like on a queue, while other
   * subscriptions get their own copies.
   *
   * @throws IllegalArgumentException if a name is invalid or the topic name names a queue
   */
  MessageReceiver sharedSubscriber(String topic, String subscriptionName);

  /**
   * Waits until this host is <em>settled</em>, up to {@link
   * HarnessTimeouts#defaultReceiveTimeout()}: see {@link #awaitSettled(Duration)}.
   */
  default void awaitSettled() {
    awaitSettled(HarnessTimeouts.defaultReceiveTimeout());
  }

  /**
   * Waits until this host is <em>settled</em>: no message on any of its queues is held
   * unacknowledged by a consumer, none waits on a queue whose consumers are ready to take it, and
   * no consumer of an application that connects through the Spring module's connection factory is
   * still processing a message it received. Once settled, a message-driven application has nothing
   * left to do, so "nothing more arrives" can be checked at once instead of after a quiet period
   * ({@link ReceiverAssert#untilSettled()}), and a slow listener's late message is still caught.
   *
   * <p>The broker cannot see what the application does outside its message handling: a timer or a
   * thread of its own that publishes later, a non-persistent message that a client still has on its
   * way (qpid-jms sends those without waiting, outside transactions), a transaction that the test
   * keeps open. Messages waiting on a queue without a consumer (a dead-letter queue, a queue the
   * test reads later) do not keep the host busy; messages waiting for a consumer that does not take
   * them (its selector matches none of them, a delivery delay) do.
   *
   * @throws AssertionError if the host is not settled within {@code timeout}, naming the queues and
   *     consumers that kept it busy
   * @throws IllegalArgumentException if {@code timeout} is null or negative
   * @throws IllegalStateException if the host is closed
   */
  void awaitSettled(Duration timeout);

  /**
   * Closes every client connection to this host now, as an operator would (the client hears
   * "Connection closed by external action"), and returns once the broker has closed them; other
   * hosts keep theirs. Queues, topics and messages stay; unacknowledged messages go back to their
   * queues, marked redelivered.
   *
   * <p>Failover clients ({@link #failoverConnectionFactory()}) reconnect. The harness's own senders
   * and receivers created before do not: their waits and sends fail saying the connections were
   * dropped, as after a restart; create new ones, which get a fresh connection.
   *
   * @throws IllegalStateException if the host is closed, or the connections do not close in time
   */
  void dropConnections();

  /**
   * Stops this host and starts it again, leaving the broker and its other hosts running: cheaper
   * than {@link EmbeddedBroker#restart()}, with the same rules. On a {@link Store#DERBY} broker the
   * declared queues and topics, durable subscriptions and persistent messages on them survive;
   * non-persistent messages, temporary queues and uncommitted transactions do not. On a {@link
   * Store#MEMORY} broker the host comes back empty. Client connections to the host are cut.
   *
   * <p>This handle keeps working, and so does its {@link #connectionFactory()}; senders and
   * receivers created before the restart do not reconnect: their next call fails with a message
   * that says the host restarted. Create new ones.
   *
   * @throws IllegalStateException if the host is closed or does not come back
   */
  void restart();

  /**
   * What the host's destinations received since it was handed out, recorded by the broker without
   * consuming anything: assert on it with {@link HarnessAssertions#assertThat(MessageJournal)}. A
   * {@link #restart()} (or the broker's) starts an empty journal: the host's virtual host is made
   * anew, and the entries recorded before go with the old one.
   */
  MessageJournal journal();

  /**
   * Closes the host's senders and receivers, then deletes the host with all its queues, topics and
   * messages. Idempotent.
   */
  @Override
  void close();
}
