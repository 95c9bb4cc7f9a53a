package io.github.qpidharness;

import io.github.qpidharness.internal.Describe;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable snapshot of a received JMS message: body, application properties and headers, read
 * once when the message arrived.
 *
 * <p>Properties: JMS and AMQP 1.0 can carry a property whose value is null (an AMQP {@code null} in
 * the application properties), so {@link #properties()} contains such a name with a null value,
 * while a property never set is not in the map at all; {@link #hasProperty} tells them apart. The
 * properties map holds application properties only: the JMS-defined {@code JMSX...} and provider
 * {@code JMS_...} ones are left out, and the delivery count is {@link #deliveryCount()}.
 */
public final class ReceivedMessage {
  private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

  private final String messageId;
  private final String destination;
  private final BodyType bodyType;
  private final Object body;
  private final String objectFailure;
  private final Map<String, Object> properties;
  private final String type;
  private final String correlationId;
  private final String replyTo;
  private final int priority;
  private final boolean redelivered;
  private final int deliveryCount;
  private final int deliveryMode;
  private final long timestamp;
  private final long expiration;

  /** A message as the broker's journal copied it; a JMS consumer would see the same values. */
  ReceivedMessage(io.github.qpidharness.internal.JournalRecord r) {
    messageId = r.messageId();
    destination = r.destination();
    type = r.type();
    correlationId = r.correlationId();
    replyTo = r.replyTo();
    priority = r.priority();
    redelivered = false;
    deliveryMode =
        r.persistent()
            ? jakarta.jms.DeliveryMode.PERSISTENT
            : jakarta.jms.DeliveryMode.NON_PERSISTENT;
    timestamp = r.timestamp();
    expiration = r.expiration();
    deliveryCount = 0;
    properties = r.properties();
    bodyType = r.bodyType();
    body = r.body();
    objectFailure = null;
  }

  private ReceivedMessage(Message m) throws JMSException {
    messageId = m.getJMSMessageID();
    destination = name(m.getJMSDestination());
    type = m.getJMSType();
    correlationId = m.getJMSCorrelationID();
    replyTo = name(m.getJMSReplyTo());
    priority = m.getJMSPriority();
    redelivered = m.getJMSRedelivered();
    deliveryMode = m.getJMSDeliveryMode();
    timestamp = m.getJMSTimestamp();
    expiration = m.getJMSExpiration();
    deliveryCount = m.propertyExists(DELIVERY_COUNT) ? m.getIntProperty(DELIVERY_COUNT) : 0;
    // Sorted: the client's enumeration order is arbitrary, and failure messages should be stable.
    Map<String, Object> props = new TreeMap<>();
    for (Enumeration<?> names = m.getPropertyNames(); names.hasMoreElements(); ) {
      String name = (String) names.nextElement();
      if (!name.startsWith("JMSX") && !name.startsWith("JMS_")) {
        props.put(name, m.getObjectProperty(name));
      }
    }
    properties = Collections.unmodifiableMap(props);
    String failure = null;
    if (m instanceof TextMessage text) {
      bodyType = BodyType.TEXT;
      body = text.getText();
    } else if (m instanceof BytesMessage bytes) {
      bodyType = BodyType.BYTES;
      byte[] content = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(content);
      body = content;
    } else if (m instanceof MapMessage map) {
      bodyType = BodyType.MAP;
      Map<String, Object> entries = new LinkedHashMap<>();
      for (Enumeration<?> names = map.getMapNames(); names.hasMoreElements(); ) {
        String name = (String) names.nextElement();
        entries.put(name, map.getObject(name));
      }
      body = Collections.unmodifiableMap(entries);
    } else if (m instanceof ObjectMessage object) {
      bodyType = BodyType.OBJECT;
      Object value = null;
      try {
        value = object.getObject();
      } catch (JMSException e) {
        failure = e.getMessage();
      }
      body = value;
    } else if (m instanceof StreamMessage) {
      bodyType = BodyType.OTHER;
      body = null;
    } else {
      bodyType = BodyType.NONE;
      body = null;
    }
    objectFailure = failure;
  }

  /**
   * Receives the next message from a plain JMS consumer (for tests that drive JMS themselves:
   * transactions, temporary queues), waiting up to {@link HarnessTimeouts#defaultReceiveTimeout()}.
   *
   * @throws AssertionError if no message arrives in time, instead of JMS's {@code null}
   */
  public static ReceivedMessage receiveFrom(JMSConsumer consumer) {
    return receiveFrom(consumer, HarnessTimeouts.defaultReceiveTimeout());
  }

  /** Like {@link #receiveFrom(JMSConsumer)}, waiting up to {@code timeout}. */
  public static ReceivedMessage receiveFrom(JMSConsumer consumer, Duration timeout) {
    Objects.requireNonNull(consumer, "consumer");
    requireTimeout(timeout);
    long start = System.nanoTime();
    Message message = consumer.receive(receiveMillis(timeout));
    if (message == null) {
      throw nothingArrived("a JMSConsumer", timeout, start);
    }
    return from(message);
  }

  /**
   * Receives the next message from a plain JMS consumer, like {@link #receiveFrom(JMSConsumer)}.
   *
   * @throws AssertionError if no message arrives in time (is the consumer's connection started?)
   */
  public static ReceivedMessage receiveFrom(MessageConsumer consumer) {
    return receiveFrom(consumer, HarnessTimeouts.defaultReceiveTimeout());
  }

  /** Like {@link #receiveFrom(MessageConsumer)}, waiting up to {@code timeout}. */
  public static ReceivedMessage receiveFrom(MessageConsumer consumer, Duration timeout) {
    Objects.requireNonNull(consumer, "consumer");
    requireTimeout(timeout);
    long start = System.nanoTime();
    Message message;
    try {
      message = consumer.receive(receiveMillis(timeout));
    } catch (JMSException e) {
      throw new MessagingException("Could not receive: " + e.getMessage(), e);
    }
    if (message == null) {
      throw nothingArrived(
          "a MessageConsumer (a consumer of a connection that was not started receives nothing)",
          timeout,
          start);
    }
    return from(message);
  }

  private static void requireTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "Timeout must be positive but was " + timeout + "; use e.g. Duration.ofSeconds(5).");
    }
  }

  /** At least 1 ms, since JMS waits forever on 0; saturated, never overflowing. */
  private static long receiveMillis(Duration timeout) {
    long millis;
    try {
      millis = timeout.toMillis();
    } catch (ArithmeticException e) {
      millis = Long.MAX_VALUE;
    }
    return Math.max(1, millis);
  }

  private static AssertionError nothingArrived(String consumer, Duration timeout, long start) {
    return new AssertionError(
        "Expecting "
            + consumer
            + "\nto receive a message within "
            + Describe.duration(timeout)
            + "\nbut none arrived in "
            + Describe.since(start));
  }

  /**
   * Takes a snapshot of a JMS message, e.g. one from a plain JMS consumer, so harness assertions
   * apply to it.
   *
   * @throws MessagingException if the client cannot read the message
   */
  public static ReceivedMessage from(Message message) {
    try {
      return new ReceivedMessage(message);
    } catch (JMSException e) {
      throw new MessagingException("Could not read a received message: " + e.getMessage(), e);
    }
  }

  /** The JMS message id, equal to {@link SentMessage#messageId()} of the send. */
  public String messageId() {
    return messageId;
  }

  /** The name of the queue or topic the message was sent to, or null if unknown. */
  public String destination() {
    return destination;
  }

  /** The kind of body. */
  public BodyType bodyType() {
    return bodyType;
  }

  /**
   * The text of a text message (null if it was sent without text).
   *
   * @throws IllegalStateException if the message is not a text message
   */
  public String text() {
    requireBody(BodyType.TEXT, "text()");
    return (String) body;
  }

  /**
   * A copy of the body of a bytes message.
   *
   * @throws IllegalStateException if the message is not a bytes message
   */
  public byte[] bytes() {
    requireBody(BodyType.BYTES, "bytes()");
    return ((byte[]) body).clone();
  }

  /**
   * The body of a bytes message as a read-only buffer: no copy, for large bodies.
   *
   * @throws IllegalStateException if the message is not a bytes message
   */
  public ByteBuffer bytesView() {
    requireBody(BodyType.BYTES, "bytesView()");
    return ByteBuffer.wrap((byte[]) body).asReadOnlyBuffer();
  }

  /**
   * The entries of a map message, unmodifiable.
   *
   * @throws IllegalStateException if the message is not a map message
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> mapBody() {
    requireBody(BodyType.MAP, "mapBody()");
    return (Map<String, Object>) body;
  }

  /**
   * The deserialized object of an object message.
   *
   * @throws IllegalStateException if the message is not an object message, or its classes are not
   *     on the allow-list (the message names the class and the fix)
   */
  public Object object() {
    requireBody(BodyType.OBJECT, "object()");
    if (objectFailure != null) {
      throw new IllegalStateException(
          "The object body of message "
              + messageId
              + " could not be deserialized: "
              + objectFailure
              + ". Allow its classes with"
              + " EmbeddedBroker.builder().allowObjectMessageClasses(...).");
    }
    return body;
  }

  /** The application properties, sorted by name; unmodifiable; null values are kept. */
  public Map<String, Object> properties() {
    return properties;
  }

  /** True if the property was sent, even with a null value. */
  public boolean hasProperty(String name) {
    return properties.containsKey(name);
  }

  /** The property's value, or null if it is null or missing (see {@link #hasProperty}). */
  public Object property(String name) {
    return properties.get(name);
  }

  /** The JMS type header, or null. */
  public String type() {
    return type;
  }

  /** The correlation id header, or null. */
  public String correlationId() {
    return correlationId;
  }

  /** The name of the reply-to queue or topic, or null. */
  public String replyTo() {
    return replyTo;
  }

  /** The JMS priority, 0 to 9. */
  public int priority() {
    return priority;
  }

  /** True if the broker delivered the message before (JMSRedelivered). */
  public boolean redelivered() {
    return redelivered;
  }

  /** The delivery attempt this was (JMSXDeliveryCount, 1 on first delivery), 0 if unknown. */
  public int deliveryCount() {
    return deliveryCount;
  }

  /** {@code DeliveryMode.PERSISTENT} or {@code DeliveryMode.NON_PERSISTENT}. */
  public int deliveryMode() {
    return deliveryMode;
  }

  /** When the message was sent, in epoch milliseconds (JMSTimestamp). */
  public long timestamp() {
    return timestamp;
  }

  /** When the message expires, in epoch milliseconds, or 0 for never (JMSExpiration). */
  public long expiration() {
    return expiration;
  }

  private void requireBody(BodyType wanted, String accessor) {
    if (bodyType != wanted) {
      throw new IllegalStateException(
          accessor
              + " needs a "
              + wanted
              + " body but message "
              + messageId
              + " has a "
              + bodyType
              + " body; use bodyType() to check first.");
    }
  }

  private static String name(Destination destination) throws JMSException {
    if (destination instanceof Queue queue) {
      return queue.getQueueName();
    }
    if (destination instanceof Topic topic) {
      return topic.getTopicName();
    }
    return destination == null ? null : destination.toString();
  }

  @Override
  public String toString() {
    return "ReceivedMessage{" + messageId + ", " + bodyType + ", properties=" + properties + "}";
  }
}
