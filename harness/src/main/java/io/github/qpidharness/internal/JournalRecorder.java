package io.github.qpidharness.internal;

import io.github.qpidharness.BodyType;
import io.github.qpidharness.JournalEntry;
import io.github.qpidharness.MessageFate;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.qpid.server.exchange.DestinationReferrer;
import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.message.MessageSource;
import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.message.ServerMessage;
import org.apache.qpid.server.message.internal.InternalMessage;
import org.apache.qpid.server.model.AbstractConfigurationChangeListener;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.PublishingLink;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.plugin.MessageConverter;
import org.apache.qpid.server.plugin.SystemNodeCreator.SystemNodeRegistry;
import org.apache.qpid.server.protocol.MessageConverterRegistry;
import org.apache.qpid.server.queue.BaseQueue;
import org.apache.qpid.server.queue.QueueEntry;
import org.apache.qpid.server.security.SecurityToken;
import org.apache.qpid.server.store.StorableMessageMetaData;

/**
 * Records, broker-side, every message routed through a host's queues and exchanges. Not API.
 *
 * <p>Broker-J has no per-message hook, but it resolves every AMQP 1.0 address (a producer link's
 * target, an anonymous producer's {@code to}, a queue's dead-letter destination) through {@code
 * VirtualHost.getAttainedMessageDestination}, which consults the host's system nodes before its
 * exchanges and queues. For every queue and exchange the recorder registers a system node of the
 * same name that routes through the real destination and records the message with the routing
 * result. Only the routing call is wrapped: enqueue, delivery and acknowledgement stay Broker-J's,
 * so recording consumes, reorders and delays nothing but the copy of the message it takes.
 *
 * <p>A queue's wrapper is a bare {@code MessageDestination}, never a {@code MessageSource}:
 * consumers keep attaching to the real queue. Exchanges bind real queues ({@code getAttainedQueue}
 * comes first), so a topic send is recorded once, at the exchange.
 */
public final class JournalRecorder extends AbstractConfigurationChangeListener {
  /** Broker context variable that turns the journal off when "false". */
  public static final String ENABLED_CONTEXT = "qpidharness.journal.enabled";

  /** Name of the system node that carries the recorder of a host. */
  public static final String NODE_NAME = "$qpid-harness-journal";

  private final SystemNodeRegistry registry;
  private final JournalLog log;
  private final Map<String, MessageDestination> wrappers = new ConcurrentHashMap<>();

  private final ThreadLocal<Boolean> routing = new ThreadLocal<>();

  private JournalRecorder(SystemNodeRegistry registry) {
    this.registry = registry;
    this.log = new JournalLog(JournalLog.DEFAULT_CAPACITY, this::consumerCount, this::onQueue);
  }

  private MessageFate onQueue(String queue, long number) {
    Queue<?> found = registry.getVirtualHost().getChildByName(Queue.class, queue);
    if (found == null) {
      return MessageFate.QUEUE_DELETED;
    }
    QueueEntry entry = found.getMessageOnTheQueue(number);
    if (entry == null || entry.isDeleted()) {
      return null;
    }
    if (entry.expired()) {
      // Still on the queue until housekeeping or a consumer's next look takes it off.
      return MessageFate.EXPIRED;
    }
    return entry.isAcquired() ? MessageFate.DELIVERING : MessageFate.QUEUED;
  }

  private int consumerCount(String queue) {
    Queue<?> found = registry.getVirtualHost().getChildByName(Queue.class, queue);
    return found == null ? -1 : found.getConsumerCount();
  }

  static void register(SystemNodeRegistry registry) {
    VirtualHost<?> virtualHost = registry.getVirtualHost();
    if (virtualHost.getContextKeys(false).contains(ENABLED_CONTEXT)
        && "false".equals(virtualHost.getContextValue(String.class, ENABLED_CONTEXT))) {
      return;
    }
    JournalRecorder recorder = new JournalRecorder(registry);
    registry.registerSystemNode(new Node(recorder));
    VirtualHost<?> host = registry.getVirtualHost();
    host.addChangeListener(recorder);
    recorder.wrapChildren(host);
  }

  /**
   * The journal of {@code host}, with wrappers for every destination it has; null if the host
   * records none (turned off, or the plugin was not loaded).
   */
  public static JournalLog logOf(VirtualHost<?> host) {
    if (host instanceof org.apache.qpid.server.virtualhost.QueueManagingVirtualHost<?> managing
        && managing.getSystemDestination(NODE_NAME) instanceof Node node) {
      node.recorder.wrapChildren(host);
      return node.recorder.log;
    }
    return null;
  }

  /** Why {@code host} has no journal, with the fix. */
  public static String whyNoJournal(VirtualHost<?> host) {
    if (host != null
        && host.getContextKeys(false).contains(ENABLED_CONTEXT)
        && "false".equals(host.getContextValue(String.class, ENABLED_CONTEXT))) {
      return "The message journal is off on this broker (EmbeddedBroker.builder()"
          + ".messageJournal(false)); leave it on to use journal().";
    }
    return "Host "
        + (host == null ? "(not running)" : host.getName())
        + " has no message journal: the harness's Broker-J plugin "
        + JournalNodeCreator.class.getName()
        + " was not loaded. Keep qpid-harness's META-INF/services entries on the class path (a"
        + " shaded jar must merge service files).";
  }

  private void wrapChildren(VirtualHost<?> host) {
    for (Exchange<?> exchange : host.getChildren(Exchange.class)) {
      wrap(exchange);
    }
    for (Queue<?> queue : host.getChildren(Queue.class)) {
      wrap(queue);
    }
  }

  @Override
  public void childAdded(ConfiguredObject<?> object, ConfiguredObject<?> child) {
    if (child instanceof Exchange<?> || child instanceof Queue<?>) {
      wrap((MessageDestination) child);
    }
  }

  @Override
  public void childRemoved(ConfiguredObject<?> object, ConfiguredObject<?> child) {
    if (child instanceof Exchange<?> || child instanceof Queue<?>) {
      MessageDestination wrapper = wrappers.get(child.getName());
      if (wrapper != null && wrappedBy(wrapper) == child) {
        wrappers.remove(child.getName(), wrapper);
        registry.removeSystemNode(wrapper);
      }
    }
  }

  private void wrap(MessageDestination destination) {
    String name = destination.getName();
    MessageDestination current = wrappers.get(name);
    if (current != null && wrappedBy(current) == destination) {
      return;
    }
    if (registry.hasSystemNode(name) && current == null) {
      // A system node of Broker-J's own (e.g. $management) keeps its name.
      return;
    }
    MessageDestination wrapper = newWrapper(destination);
    wrappers.put(name, wrapper);
    registry.registerSystemNode(wrapper);
  }

  private static MessageDestination wrappedBy(MessageDestination wrapper) {
    return ((Wrapper) Proxy.getInvocationHandler(wrapper)).real;
  }

  private MessageDestination newWrapper(MessageDestination real) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    if (real instanceof Exchange<?>) {
      // Broker-J reads an exchange's unroutable-message behaviour off the destination it resolved.
      collectInterfaces(real.getClass(), interfaces);
      interfaces.removeIf(i -> MessageSource.class.isAssignableFrom(i));
    }
    interfaces.add(MessageDestination.class);
    return (MessageDestination)
        Proxy.newProxyInstance(
            MessageDestination.class.getClassLoader(),
            interfaces.toArray(Class<?>[]::new),
            new Wrapper(real));
  }

  private static void collectInterfaces(Class<?> type, Set<Class<?>> into) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (Modifier.isPublic(i.getModifiers())) {
          into.add(i);
        }
        collectInterfaces(i, into);
      }
    }
  }

  private final class Wrapper implements InvocationHandler {
    private final MessageDestination real;

    Wrapper(MessageDestination real) {
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "equals":
          if (args != null && args.length == 1 && method.getParameterTypes()[0] == Object.class) {
            return proxy == args[0] || real.equals(args[0]);
          }
          break;
        case "hashCode":
          if (args == null || args.length == 0) {
            return real.hashCode();
          }
          break;
        case "toString":
          if (args == null || args.length == 0) {
            return real.toString();
          }
          break;
        case "route":
          if (args != null && args.length == 3 && args[0] instanceof ServerMessage<?> message) {
            return route(message, (String) args[1], args);
          }
          break;
        default:
          break;
      }
      return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private Object route(ServerMessage<?> message, String routingKey, Object[] args)
        throws Throwable {
      boolean outer = routing.get() == null;
      if (outer) {
        routing.set(Boolean.TRUE);
      }
      Object result;
      try {
        result =
            real.route(
                (ServerMessage) message,
                routingKey,
                (org.apache.qpid.server.message.InstanceProperties) args[2]);
      } finally {
        if (outer) {
          routing.remove();
        }
      }
      if (outer) {
        if (log.firstRouting(message.getMessageNumber())) {
          try {
            log.add(record(real, message, routingKey, (RoutingResult<?>) result));
          } catch (RuntimeException e) {
            // A message the journal cannot copy is still delivered; the journal misses it.
          }
        } else {
          // Routed again: a queue moves it to its alternate binding (dead letter or expiry).
          log.deadLettered(message.getMessageNumber(), real.getName());
        }
      }
      return result;
    }
  }

  private static JournalRecord record(
      MessageDestination destination,
      ServerMessage<?> message,
      String routingKey,
      RoutingResult<?> result) {
    List<String> routes = new ArrayList<>();
    for (BaseQueue queue : result.getRoutes()) {
      routes.add(queue.getName());
    }
    JournalEntry.DestinationKind kind;
    if (destination instanceof Queue<?>) {
      kind = JournalEntry.DestinationKind.QUEUE;
      routingKey = "";
    } else if (destination instanceof Exchange<?> exchange
        && "topic".equals(exchange.getType())
        && !exchange.getName().startsWith("amq.")) {
      kind = JournalEntry.DestinationKind.TOPIC;
    } else {
      kind = JournalEntry.DestinationKind.EXCHANGE;
    }
    if (destination.getName().equals(routingKey)) {
      // qpid-jms addresses a topic by its name, which Broker-J then also routes by.
      routingKey = "";
    }
    Snapshot snapshot = snapshot(message, destination.getAddressSpace());
    return new JournalRecord(
        kind,
        destination.getName(),
        routingKey == null ? "" : routingKey,
        snapshot.bodyType,
        snapshot.body,
        snapshot.properties,
        message.getMessageHeader().getMessageId(),
        message.getMessageHeader().getCorrelationId(),
        message.getMessageHeader().getType(),
        message.getMessageHeader().getReplyTo(),
        message.getMessageHeader().getPriority(),
        message.isPersistent(),
        message.getMessageHeader().getTimestamp(),
        message.getMessageHeader().getExpiration(),
        Instant.ofEpochMilli(message.getArrivalTime()),
        List.copyOf(routes),
        message.getMessageNumber());
  }

  private record Snapshot(BodyType bodyType, Object body, Map<String, Object> properties) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Snapshot snapshot(ServerMessage<?> message, NamedAddressSpace addressSpace) {
    InternalMessage internal;
    MessageConverter converter = null;
    if (message instanceof InternalMessage m) {
      internal = m;
    } else {
      converter = MessageConverterRegistry.getConverter(message.getClass(), InternalMessage.class);
      internal = (InternalMessage) converter.convert(message, addressSpace);
    }
    try {
      Map<String, Object> properties = new TreeMap<>();
      for (String name : internal.getMessageHeader().getHeaderNames()) {
        properties.put(name, internal.getMessageHeader().getHeader(name));
      }
      Object body = internal.getMessageBody();
      BodyType type;
      if (body == null) {
        type = BodyType.NONE;
      } else if (body instanceof String) {
        type = BodyType.TEXT;
      } else if (body instanceof byte[] bytes) {
        type = BodyType.BYTES;
        body = bytes.clone();
      } else if (body instanceof Map<?, ?> map) {
        type = BodyType.MAP;
        body = Collections.unmodifiableMap(new LinkedHashMap<>(map));
      } else {
        type = BodyType.OTHER;
      }
      return new Snapshot(type, body, Collections.unmodifiableMap(properties));
    } finally {
      if (converter != null) {
        converter.dispose(internal);
      }
    }
  }

  /** The system node that carries the recorder; it routes nothing. */
  private static final class Node implements MessageDestination {
    private final JournalRecorder recorder;

    Node(JournalRecorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public String getName() {
      return NODE_NAME;
    }

    @Override
    public NamedAddressSpace getAddressSpace() {
      return recorder.registry.getVirtualHost();
    }

    @Override
    public void authorisePublish(SecurityToken token, Map<String, Object> arguments) {
      throw new org.apache.qpid.server.security.AccessDeniedException(
          NODE_NAME + " is the harness's journal and takes no messages");
    }

    @Override
    public <M extends ServerMessage<? extends StorableMessageMetaData>> RoutingResult<M> route(
        M message, String routingAddress, org.apache.qpid.server.message.InstanceProperties props) {
      return new RoutingResult<>(message);
    }

    @Override
    public boolean isDurable() {
      return false;
    }

    @Override
    public void linkAdded(
        org.apache.qpid.server.message.MessageSender sender, PublishingLink link) {}

    @Override
    public void linkRemoved(
        org.apache.qpid.server.message.MessageSender sender, PublishingLink link) {}

    @Override
    public MessageDestination getAlternateBindingDestination() {
      return null;
    }

    @Override
    public void addReference(DestinationReferrer destinationReferrer) {}

    @Override
    public void removeReference(DestinationReferrer destinationReferrer) {}
  }
}
