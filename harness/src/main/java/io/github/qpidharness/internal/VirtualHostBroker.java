package io.github.qpidharness.internal;

import io.github.qpidharness.Endpoint;
import io.github.qpidharness.MessageJournal;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.NetworkProxy;
import io.github.qpidharness.QueueOptions;
import io.github.qpidharness.QueueStats;
import io.github.qpidharness.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.model.port.AmqpPort;

/** A {@link TestBroker} backed by one Broker-J virtual host node. Not API. */
public final class VirtualHostBroker implements TestBroker {
  private static final String TOPIC_TYPE = "topic";
  private static final String QUEUE_TYPE_STANDARD = "standard";
  private static final String QUEUE_TYPE_PRIORITY = "priority";

  private final BrokerRuntime runtime;
  private final String nodeName;
  private final ClientEndpoint endpoint;
  private final String url;
  private final Consumer<VirtualHostBroker> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final HostClients clients;
  private final HostProxies proxies = new HostProxies();
  private volatile boolean closedWithBroker;

  private final String name;

  /** Replaced on a restart: Broker-J makes a new virtual host, with a recorder of its own. */
  private volatile JournalLog journal;

  private volatile boolean journalStopped;

  /** Work of this hand-out's application clients that the broker cannot see. */
  private final ClientActivity activity = new ClientActivity();

  /**
   * A host clients reach under its node's name.
   *
   * @param onClose closes the fixtures and deletes the node; called once, on the first {@link
   *     #close()}
   */
  public VirtualHostBroker(
      BrokerRuntime runtime, VirtualHostNode<?> node, Consumer<VirtualHostBroker> onClose) {
    this(
        runtime,
        node,
        node.getName(),
        "qpid-harness-" + UUID.randomUUID(),
        null,
        List.of(),
        onClose);
  }

  /**
   * A host clients reach under {@code name}, whose fixtures use {@code pooledConnection} first.
   *
   * @param clientId the client id of the fixtures' shared connection
   * @param pooledConnection a connection opened ahead of need, or null
   * @param pooledSessions idle sessions of {@code pooledConnection}
   * @param onClose closes the fixtures (see {@link #detachClients()}) and releases the node; called
   *     once, on the first {@link #close()}
   */
  public VirtualHostBroker(
      BrokerRuntime runtime,
      VirtualHostNode<?> node,
      String name,
      String clientId,
      Connection pooledConnection,
      List<FixtureSession> pooledSessions,
      Consumer<VirtualHostBroker> onClose) {
    this.runtime = runtime;
    this.nodeName = node.getName();
    this.name = name;
    this.onClose = onClose;
    this.endpoint = runtime.clientEndpoint(name);
    this.url = endpoint.jmsUrl();
    this.clients =
        new HostClients(
            this::newConnectionFactory,
            name,
            clientId,
            pooledConnection,
            pooledSessions,
            limits(runtime, node));
    clients.settler(this::awaitSettled);
    // A pooled host's journal still holds the previous test's messages until now.
    this.journal = JournalRecorder.logOf(node.getVirtualHost());
    if (journal != null) {
      journal.clear();
      journal.recording(true);
      clients.journal(new MessageJournal(journal, name, this::awaitSettled));
    }
  }

  /** Stops recording this hand-out's journal: {@code @WithBroker(journal = false)}. */
  public void stopJournal() {
    journalStopped = true;
    if (journal != null) {
      journal.recording(false);
    }
    clients.journal(null);
  }

  @Override
  public void awaitSettled(Duration timeout) {
    Durations.requireWait("Timeout", timeout);
    requireOpen();
    HostSettling.await(this::hostIfRunning, activity, timeout, name);
  }

  /**
   * Where the application's clients of this hand-out report work the broker cannot see (the Spring
   * module's connection factory does). Not API.
   */
  public ClientActivity clientActivity() {
    return activity;
  }

  /** The virtual host, or null while it is not running; throws once this handle is closed. */
  private VirtualHost<?> hostIfRunning() {
    requireOpen();
    return node().getVirtualHost();
  }

  @Override
  public MessageJournal journal() {
    requireOpen();
    if (journalStopped) {
      throw new IllegalStateException(
          "The message journal is off for this test (@WithBroker(journal = false)); remove"
              + " journal = false to use journal().");
    }
    if (journal == null) {
      throw new IllegalStateException(JournalRecorder.whyNoJournal(node().getVirtualHost()));
    }
    return new MessageJournal(journal, name, this::awaitSettled);
  }

  /** What Broker-J accepts on a connection to {@code node}, read as its connections read it. */
  private static HostLimits limits(BrokerRuntime runtime, VirtualHostNode<?> node) {
    int sessions = HostLimits.DEFAULT.sessionsPerConnection();
    long size = HostLimits.DEFAULT.maxMessageSize();
    try {
      Port<?> port = runtime.amqpPort();
      if (port instanceof AmqpPort<?> amqp) {
        // qpid-jms keeps one session of every connection for itself (unsubscribe, temporary
        // destinations), which the port's limit counts too.
        sessions = amqp.getSessionCountLimit() - 1;
      }
      // As AbstractAMQPConnection.updateMaxMessageSize: the smaller of the port's and the host's.
      size = Math.min(maxMessageSize(port), maxMessageSize(node.getVirtualHost()));
    } catch (RuntimeException e) {
      // Broker-J's defaults hold; the broker still enforces its own limits.
    }
    return new HostLimits(sessions, size);
  }

  private static long maxMessageSize(ConfiguredObject<?> object) {
    if (object == null) {
      return Long.MAX_VALUE;
    }
    Integer size =
        object.getContextValue(
            Integer.class, org.apache.qpid.server.model.Connection.MAX_MESSAGE_SIZE);
    return size == null || size <= 0 ? Long.MAX_VALUE : size;
  }

  @Override
  public String name() {
    requireOpen();
    return name;
  }

  @Override
  public String url() {
    requireOpen();
    return url;
  }

  @Override
  public ConnectionFactory connectionFactory() {
    return newConnectionFactory();
  }

  private ConnectionFactory newConnectionFactory() {
    requireOpen();
    return endpoint.connectionFactory();
  }

  /**
   * The Broker-J node behind this host now, for the harness's own internals: looked up by name,
   * since a broker restart replaces every object of Broker-J's model.
   */
  public VirtualHostNode<?> node() {
    VirtualHostNode<?> node = runtime.hostNode(nodeName);
    if (node == null) {
      throw new IllegalStateException("Host \"" + name + "\" is gone from the broker.");
    }
    return node;
  }

  @Override
  public void restart() {
    requireOpen();
    clients.restarting("host \"" + name + "\" restarted");
    runtime.restartHost(nodeName);
    followJournal();
  }

  /** Tells the fixtures that the whole broker is going down for an outage. */
  public void brokerOutage() {
    clients.restarting("an outage of the broker");
  }

  /** Tells the fixtures that the whole broker restarted under them. */
  public void brokerRestarted() {
    clients.restarting("the broker restarted");
  }

  /**
   * Records on in the restarted virtual host's journal, which starts empty (what was recorded
   * before the restart went with the old virtual host); called once the restart is over.
   */
  public void followJournal() {
    JournalLog next = JournalRecorder.logOf(node().getVirtualHost());
    journal = next;
    if (next != null && !journalStopped) {
      next.recording(true);
      clients.journal(new MessageJournal(next, name, this::awaitSettled));
    }
  }

  @Override
  public void declareQueue(String name, QueueOptions options) {
    Names.requireValidDestination("queue", name);
    Objects.requireNonNull(options, "options");
    requireOpen();
    options
        .deadLetterQueue()
        .ifPresent(
            dlq -> {
              if (dlq.equals(name)) {
                throw new IllegalArgumentException(
                    "Queue \""
                        + name
                        + "\" cannot be its own dead-letter queue; name another one.");
              }
              if (host().getChildByName(Queue.class, dlq) == null) {
                declareQueue(dlq, QueueOptions.standard());
              }
            });
    runtime.asSystem(
        "declareQueue",
        () -> {
          VirtualHost<?> host = host();
          requireNoExchange(host, name, "queue");
          Queue<?> existing = host.getChildByName(Queue.class, name);
          Map<String, Object> attributes = queueAttributes(name, options);
          if (existing != null) {
            requireSameQueue(existing, attributes);
            return existing;
          }
          return host.createChild(Queue.class, attributes);
        });
  }

  @Override
  public void declareTopic(String name) {
    Names.requireValidDestination("topic", name);
    requireOpen();
    runtime.asSystem(
        "declareTopic",
        () -> {
          VirtualHost<?> host = host();
          if (host.getChildByName(Queue.class, name) != null) {
            throw new IllegalArgumentException(
                "Cannot declare topic \""
                    + name
                    + "\" on host \""
                    + this.name
                    + "\": a queue of that name exists. Use another name, or deleteQueue(\""
                    + name
                    + "\") first.");
          }
          Exchange<?> existing = host.getChildByName(Exchange.class, name);
          if (existing != null) {
            if (!TOPIC_TYPE.equals(existing.getType())) {
              throw new IllegalArgumentException(
                  "Cannot declare topic \""
                      + name
                      + "\": an exchange of type "
                      + existing.getType()
                      + " already has that name.");
            }
            return existing;
          }
          Map<String, Object> attributes = new LinkedHashMap<>();
          attributes.put(Exchange.NAME, name);
          attributes.put(Exchange.TYPE, TOPIC_TYPE);
          return host.createChild(Exchange.class, attributes);
        });
  }

  @Override
  public void deleteQueue(String name) {
    Queue<?> queue = requireQueue(name);
    runtime.asSystem(
        "deleteQueue",
        () -> {
          queue.delete();
          return null;
        });
  }

  @Override
  public long purgeQueue(String name) {
    Queue<?> queue = requireQueue(name);
    return runtime.asSystem("purgeQueue", queue::clearQueue);
  }

  @Override
  public List<String> queueNames() {
    requireOpen();
    return sortedNames(host().getChildren(Queue.class));
  }

  @Override
  public List<String> topicNames() {
    requireOpen();
    List<Exchange> topics = new ArrayList<>();
    for (Exchange exchange : host().getChildren(Exchange.class)) {
      if (TOPIC_TYPE.equals(exchange.getType()) && !exchange.getName().startsWith("amq.")) {
        topics.add(exchange);
      }
    }
    return sortedNames(topics);
  }

  @Override
  public QueueStats queueStats(String name) {
    Queue<?> queue = requireQueue(name);
    return new QueueStats(
        name,
        queue.getQueueDepthMessages(),
        queue.getQueueDepthBytes(),
        queue.getConsumerCount(),
        queue.getTotalEnqueuedMessages(),
        queue.getTotalDequeuedMessages());
  }

  @Override
  public MessageSender queueSender(String queue) {
    ensureQueue(queue);
    return clients.sender(Endpoint.queue(queue));
  }

  @Override
  public MessageSender topicSender(String topic) {
    declareTopic(topic);
    return clients.sender(Endpoint.topic(topic));
  }

  @Override
  public MessageReceiver queueReceiver(String queue) {
    return queueReceiver(queue, null);
  }

  @Override
  public MessageReceiver queueReceiver(String queue, String selector) {
    ensureQueue(queue);
    return clients.receiver(new Endpoint(Endpoint.Kind.QUEUE, queue, null, selector(selector)));
  }

  @Override
  public MessageReceiver topicSubscriber(String topic) {
    return topicSubscriber(topic, null);
  }

  @Override
  public MessageReceiver topicSubscriber(String topic, String selector) {
    declareTopic(topic);
    return clients.receiver(new Endpoint(Endpoint.Kind.TOPIC, topic, null, selector(selector)));
  }

  @Override
  public MessageReceiver durableSubscriber(String topic, String subscriptionName) {
    Names.requireValidSubscription(subscriptionName);
    declareTopic(topic);
    return clients.receiver(
        new Endpoint(Endpoint.Kind.DURABLE_SUBSCRIPTION, topic, subscriptionName, null));
  }

  @Override
  public MessageReceiver sharedSubscriber(String topic, String subscriptionName) {
    Names.requireValidSubscription(subscriptionName);
    declareTopic(topic);
    return clients.receiver(
        new Endpoint(Endpoint.Kind.SHARED_SUBSCRIPTION, topic, subscriptionName, null));
  }

  @Override
  public void dropConnections() {
    requireOpen();
    VirtualHost<?> host = host();
    clients.dropping(
        "the broker dropped every connection of host \""
            + name
            + "\" (dropConnections()) and fixtures do not reconnect");
    ConnectionDrops.dropAll(runtime, host, name);
  }

  @Override
  public String failoverUrl() {
    requireOpen();
    return ConnectionFactories.failoverUrl(
        endpoint.address(), endpoint.port(), name, endpoint.objectMessageAllowList());
  }

  @Override
  public ConnectionFactory failoverConnectionFactory() {
    return ConnectionFactories.create(failoverUrl(), endpoint.username(), endpoint.password());
  }

  @Override
  public NetworkProxy proxy() {
    requireOpen();
    return proxies.open(
        endpoint.port(),
        port ->
            ConnectionFactories.jmsUrl("127.0.0.1", port, name, endpoint.objectMessageAllowList()),
        proxyUrl -> ConnectionFactories.create(proxyUrl, endpoint.username(), endpoint.password()));
  }

  /** Declares a standard queue unless a queue of that name (of any type) exists already. */
  private void ensureQueue(String name) {
    Names.requireValidDestination("queue", name);
    if (host().getChildByName(Queue.class, name) == null) {
      declareQueue(name);
    }
  }

  private static String selector(String selector) {
    if (selector != null && selector.isBlank()) {
      throw new IllegalArgumentException(
          "Selector must not be blank; pass null or use the overload without a selector to get"
              + " every message.");
    }
    return selector;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // A proxy must not reach whatever the host's name or port serves next.
      proxies.close();
      onClose.accept(this);
    }
  }

  /**
   * Closes this handle and its fixtures but leaves the host on the broker, for a broker that keeps
   * its hosts in the user's work directory when it closes.
   */
  public void closeKeepingHost() {
    if (closed.compareAndSet(false, true)) {
      proxies.close();
      clients.detach().run();
    }
  }

  /**
   * Closes the fixtures to further use and returns the slow rest of closing them (their sessions,
   * the shared connection), which the {@code onClose} callback runs now or in the background.
   */
  public Runnable detachClients() {
    return clients.detach(
        "host \"" + name + "\" was closed" + (closedWithBroker ? " with its broker" : ""));
  }

  /** Closes this host because its broker is closing, which the fixtures' waits then report. */
  public void closeWithBroker() {
    closedWithBroker = true;
    close();
  }

  /**
   * True if closing the fixtures left the pre-opened connection open, idle, for reuse; known once
   * the task from {@link #detachClients()} has run.
   */
  public boolean keptPooledConnection() {
    return clients.keptPooledConnection();
  }

  /** The idle sessions left on the kept connection; empty unless it was kept. */
  public List<FixtureSession> idleSessions() {
    return clients.idleSessions();
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  /** The Broker-J virtual host, failing clearly if the host was closed. */
  public VirtualHost<?> host() {
    requireOpen();
    VirtualHostNode<?> node = node();
    VirtualHost<?> host = node.getVirtualHost();
    if (host == null) {
      throw new IllegalStateException(
          "Host \"" + this.name + "\" is not running (state " + node.getState() + ").");
    }
    return host;
  }

  private Queue<?> requireQueue(String name) {
    Names.requireValidDestination("queue", name);
    Queue<?> queue = host().getChildByName(Queue.class, name);
    if (queue == null && host().getChildByName(Exchange.class, name) != null) {
      // Advising declareQueue here would fail: the name is taken by the topic.
      throw new IllegalArgumentException(
          "\""
              + name
              + "\" on host \""
              + this.name
              + "\" is a topic, not a queue: a topic keeps no messages itself, each subscriber has"
              + " a queue of its own. Check what a topic publishes with a receiver subscribed"
              + " before the send (topicSubscriber(\""
              + name
              + "\") or a @Topic(\""
              + name
              + "\") parameter), or use a queue of another name.");
    }
    if (queue == null) {
      throw new IllegalArgumentException(
          "No queue \""
              + name
              + "\" on host \""
              + this.name
              + "\". Queues that exist: "
              + queueNames()
              + ". Declare it with declareQueue(\""
              + name
              + "\") or fix the name.");
    }
    return queue;
  }

  private void requireNoExchange(VirtualHost<?> host, String name, String kind) {
    Exchange<?> exchange = host.getChildByName(Exchange.class, name);
    if (exchange != null) {
      throw new IllegalArgumentException(
          "Cannot declare "
              + kind
              + " \""
              + name
              + "\" on host \""
              + this.name
              + "\": a topic (exchange of type "
              + exchange.getType()
              + ") of that name exists. Use another name.");
    }
  }

  private void requireSameQueue(Queue<?> existing, Map<String, Object> wanted) {
    Object wantedType = wanted.get(Queue.TYPE);
    boolean same = Objects.equals(existing.getType(), wantedType);
    if (same && wanted.containsKey(Queue.MAXIMUM_DELIVERY_ATTEMPTS)) {
      same =
          Objects.equals(
              existing.getMaximumDeliveryAttempts(), wanted.get(Queue.MAXIMUM_DELIVERY_ATTEMPTS));
    }
    if (!same) {
      throw new IllegalArgumentException(
          "Queue \""
              + existing.getName()
              + "\" already exists on host \""
              + this.name
              + "\" as a "
              + existing.getType()
              + " queue with other options. Delete it first or use another name.");
    }
  }

  private static Map<String, Object> queueAttributes(String name, QueueOptions options) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(Queue.NAME, name);
    if (options.priorities() > 0) {
      attributes.put(Queue.TYPE, QUEUE_TYPE_PRIORITY);
      attributes.put("priorities", options.priorities());
    } else {
      attributes.put(Queue.TYPE, QUEUE_TYPE_STANDARD);
    }
    // JMS 2.0 delivery delay: without it Broker-J delivers a delayed message at once.
    attributes.put(Queue.HOLD_ON_PUBLISH_ENABLED, true);
    if (options.maximumDeliveryAttempts() > 0) {
      attributes.put(Queue.MAXIMUM_DELIVERY_ATTEMPTS, options.maximumDeliveryAttempts());
    }
    options
        .deadLetterQueue()
        .ifPresent(dlq -> attributes.put(Queue.ALTERNATE_BINDING, Map.of("destination", dlq)));
    return attributes;
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException(
          "Host \"" + name + "\" is closed; create a new one with createHost(...).");
    }
  }

  private static List<String> sortedNames(Collection<? extends ConfiguredObject> objects) {
    List<String> names = new ArrayList<>();
    for (ConfiguredObject object : objects) {
      names.add(object.getName());
    }
    names.sort(null);
    return names;
  }
}
