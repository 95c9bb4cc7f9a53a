package io.github.qpidharness;

import io.github.qpidharness.internal.Names;
import io.github.qpidharness.internal.PropertyRules;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An immutable description of a message to send: body, properties and headers, checked against the
 * JMS rules when built.
 *
 * <p>Start from {@link #text}, {@link #bytes}, {@link #map} or {@link #object}; each {@code
 * with...} method returns a copy. Build it once and send it many times, e.g. in a benchmark.
 * Defaults are the JMS ones: persistent, priority 4, never expires, no delivery delay.
 */
public final class OutgoingMessage {
  /**
   * The longest time to live or delivery delay: the client adds it to the send time in
   * milliseconds, which must not overflow a {@code long}.
   */
  static final Duration MAX_OFFSET = Duration.ofMillis(Long.MAX_VALUE / 2);

  private final BodyType bodyType;
  private final Object body;
  private final Map<String, Object> properties;
  private final String type;
  private final String correlationId;
  private final Endpoint replyTo;
  private final int priority;
  private final Duration timeToLive;
  private final int deliveryMode;
  private final Duration deliveryDelay;

  private OutgoingMessage(
      BodyType bodyType,
      Object body,
      Map<String, Object> properties,
      String type,
      String correlationId,
      Endpoint replyTo,
      int priority,
      Duration timeToLive,
      int deliveryMode,
      Duration deliveryDelay) {
    this.bodyType = bodyType;
    this.body = body;
    this.properties = properties;
    this.type = type;
    this.correlationId = correlationId;
    this.replyTo = replyTo;
    this.priority = priority;
    this.timeToLive = timeToLive;
    this.deliveryMode = deliveryMode;
    this.deliveryDelay = deliveryDelay;
  }

  private static OutgoingMessage of(BodyType bodyType, Object body) {
    return new OutgoingMessage(
        bodyType,
        body,
        Map.of(),
        null,
        null,
        null,
        Message.DEFAULT_PRIORITY,
        Duration.ZERO,
        DeliveryMode.PERSISTENT,
        Duration.ZERO);
  }

  /**
   * A text message; {@code text} may be null (a TextMessage without text).
   *
   * @throws IllegalArgumentException if {@code text} holds a lone UTF-16 surrogate, which no
   *     encoding carries (the broker would close the connection over it)
   */
  public static OutgoingMessage text(String text) {
    if (text != null) {
      Names.requireWholeCharacters("The text body", text);
    }
    return of(BodyType.TEXT, text);
  }

  /** A bytes message with a copy of {@code bytes}. */
  public static OutgoingMessage bytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes must not be null; use an empty array for an empty body");
    return of(BodyType.BYTES, bytes.clone());
  }

  /**
   * A map message; values must be String, Boolean, Byte, Short, Character, Integer, Long, Float,
   * Double, byte[] or null.
   */
  public static OutgoingMessage map(Map<String, ?> body) {
    Objects.requireNonNull(body, "map body must not be null; use Map.of() for an empty map");
    Map<String, Object> copy = new LinkedHashMap<>();
    body.forEach(
        (name, value) -> {
          PropertyRules.requireValidMapEntry(name, value);
          copy.put(name, value instanceof byte[] b ? b.clone() : value);
        });
    return of(BodyType.MAP, Collections.unmodifiableMap(copy));
  }

  /**
   * An object message. Receivers deserialize it only if its classes are on the broker's allow-list
   * (see {@link EmbeddedBroker.Builder#allowObjectMessageClasses(String...)}).
   */
  public static OutgoingMessage object(Serializable body) {
    return of(BodyType.OBJECT, body);
  }

  /**
   * A copy with the property set. A null value is sent as a property that exists with no value.
   *
   * @throws IllegalArgumentException if the name is not a valid JMS identifier, is reserved, or the
   *     value's type is not one JMS properties carry
   */
  public OutgoingMessage withProperty(String name, Object value) {
    PropertyRules.requireValidName(name);
    PropertyRules.requireValidValue(name, value);
    Map<String, Object> copy = new LinkedHashMap<>(properties);
    copy.put(name, value);
    return withCheckedProperties(Collections.unmodifiableMap(copy));
  }

  /** A copy with every entry of {@code properties} added, checked like {@link #withProperty}. */
  public OutgoingMessage withProperties(Map<String, ?> properties) {
    Objects.requireNonNull(properties, "properties must not be null; use Map.of() for none");
    Map<String, Object> copy = new LinkedHashMap<>(this.properties);
    properties.forEach(
        (name, value) -> {
          PropertyRules.requireValidName(name);
          copy.put(name, PropertyRules.requireValidValue(name, value));
        });
    return withCheckedProperties(Collections.unmodifiableMap(copy));
  }

  private OutgoingMessage withCheckedProperties(Map<String, Object> checked) {
    return copy(draft -> draft.properties = checked);
  }

  /** A copy with the JMS type header ({@code JMSType}). */
  public OutgoingMessage withType(String type) {
    if (type != null) {
      Names.requireWholeCharacters("The JMS type", type);
    }
    return copy(draft -> draft.type = type);
  }

  /** A copy with the correlation id header ({@code JMSCorrelationID}). */
  public OutgoingMessage withCorrelationId(String correlationId) {
    if (correlationId != null) {
      Names.requireWholeCharacters("The correlation id", correlationId);
    }
    return copy(draft -> draft.correlationId = correlationId);
  }

  /** A copy whose reply-to header names the queue {@code queue}. */
  public OutgoingMessage withReplyToQueue(String queue) {
    Names.requireValidDestination("reply-to queue", queue);
    return withReplyTo(Endpoint.queue(queue));
  }

  /** A copy whose reply-to header names the topic {@code topic}. */
  public OutgoingMessage withReplyToTopic(String topic) {
    Names.requireValidDestination("reply-to topic", topic);
    return withReplyTo(Endpoint.topic(topic));
  }

  private OutgoingMessage withReplyTo(Endpoint replyTo) {
    return copy(draft -> draft.replyTo = replyTo);
  }

  /** A copy with the JMS priority, 0 (lowest) to 9 (highest); the default is 4. */
  public OutgoingMessage withPriority(int priority) {
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException(
          "Priority must be between 0 and 9 but was " + priority + "; JMS uses 4 by default.");
    }
    return copy(draft -> draft.priority = priority);
  }

  /**
   * A copy that expires {@code timeToLive} after sending; {@link Duration#ZERO} never expires.
   *
   * <p>JMS counts a time to live in whole milliseconds, and reads 0 as "never expires": so a
   * duration with a fraction of a millisecond is rounded up to the next millisecond ({@code
   * Duration.ofNanos(1)} lives 1 ms), never down to a message that lives for ever.
   *
   * @throws IllegalArgumentException if {@code timeToLive} is null, negative, or longer than ~146
   *     million years (the client adds it to the send time in milliseconds)
   */
  public OutgoingMessage withTimeToLive(Duration timeToLive) {
    if (timeToLive == null || timeToLive.isNegative()) {
      throw new IllegalArgumentException(
          "Time to live must be zero (never expires) or positive but was "
              + timeToLive
              + "; use e.g. Duration.ofSeconds(30).");
    }
    Duration rounded = wholeMillis("Time to live", timeToLive, "for a message that never expires");
    return copy(draft -> draft.timeToLive = rounded);
  }

  /**
   * A copy that the broker holds back for {@code deliveryDelay} after sending (JMS 2.0 delivery
   * delay) before any receiver gets it; {@link Duration#ZERO} (the default) delivers at once.
   *
   * <p>Rounded up to whole milliseconds, as JMS counts them. The broker releases a held message on
   * its housekeeping tick, which the harness sets to every 250 ms (Broker-J's {@code
   * virtualhost.housekeepingCheckPeriod}), so a delayed message arrives up to that much after its
   * delay. Queues the harness declares and topic subscriptions hold messages back ({@code
   * holdOnPublishEnabled}); a queue declared by other means needs that attribute.
   *
   * @throws IllegalArgumentException if {@code deliveryDelay} is null, negative, or longer than
   *     ~146 million years
   */
  public OutgoingMessage withDeliveryDelay(Duration deliveryDelay) {
    if (deliveryDelay == null || deliveryDelay.isNegative()) {
      throw new IllegalArgumentException(
          "Delivery delay must be zero (deliver at once) or positive but was "
              + deliveryDelay
              + "; use e.g. Duration.ofSeconds(2).");
    }
    Duration rounded = wholeMillis("Delivery delay", deliveryDelay, "to deliver at once");
    return copy(draft -> draft.deliveryDelay = rounded);
  }

  private static Duration wholeMillis(String what, Duration d, String zeroMeans) {
    if (d.compareTo(MAX_OFFSET) > 0) {
      throw new IllegalArgumentException(
          what
              + " "
              + d
              + " is too long: the client adds it to the send time in milliseconds, which allows"
              + " at most Long.MAX_VALUE / 2 ms (about 146 million years); use Duration.ZERO "
              + zeroMeans
              + ".");
    }
    Duration truncated = d.truncatedTo(ChronoUnit.MILLIS);
    return truncated.equals(d) ? d : truncated.plusMillis(1);
  }

  /**
   * A copy with the delivery mode: {@link DeliveryMode#PERSISTENT} (the default) or {@link
   * DeliveryMode#NON_PERSISTENT}.
   */
  public OutgoingMessage withDeliveryMode(int deliveryMode) {
    if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
      throw new IllegalArgumentException(
          "Delivery mode must be DeliveryMode.PERSISTENT (2) or DeliveryMode.NON_PERSISTENT (1)"
              + " but was "
              + deliveryMode
              + ".");
    }
    return copy(draft -> draft.deliveryMode = deliveryMode);
  }

  /** A mutable copy of the headers and properties, so each wither names only what it changes. */
  private static final class Draft {
    Map<String, Object> properties;
    String type;
    String correlationId;
    Endpoint replyTo;
    int priority;
    Duration timeToLive;
    int deliveryMode;
    Duration deliveryDelay;
  }

  private OutgoingMessage copy(Consumer<Draft> change) {
    Draft draft = new Draft();
    draft.properties = properties;
    draft.type = type;
    draft.correlationId = correlationId;
    draft.replyTo = replyTo;
    draft.priority = priority;
    draft.timeToLive = timeToLive;
    draft.deliveryMode = deliveryMode;
    draft.deliveryDelay = deliveryDelay;
    change.accept(draft);
    return new OutgoingMessage(
        bodyType,
        body,
        draft.properties,
        draft.type,
        draft.correlationId,
        draft.replyTo,
        draft.priority,
        draft.timeToLive,
        draft.deliveryMode,
        draft.deliveryDelay);
  }

  /** The kind of body. */
  public BodyType bodyType() {
    return bodyType;
  }

  /** The text of a text message. */
  public String text() {
    requireBody(BodyType.TEXT, "text()");
    return (String) body;
  }

  /** A copy of the bytes of a bytes message. */
  public byte[] bytes() {
    requireBody(BodyType.BYTES, "bytes()");
    return ((byte[]) body).clone();
  }

  /** The bytes of a bytes message as a read-only buffer: no copy, for large bodies. */
  public ByteBuffer bytesView() {
    requireBody(BodyType.BYTES, "bytesView()");
    return ByteBuffer.wrap((byte[]) body).asReadOnlyBuffer();
  }

  /**
   * The size in bytes of a text body (encoded as UTF-8, as AMQP carries it) or of a bytes body; 0
   * for a null text and for map and object bodies, whose encoded size only the client knows.
   */
  public long bodySize() {
    if (bodyType == BodyType.BYTES) {
      return ((byte[]) body).length;
    }
    if (bodyType == BodyType.TEXT && body != null) {
      return utf8Length((String) body);
    }
    return 0;
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The entries of a map message (unmodifiable; byte[] values are shared, do not change them). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> mapBody() {
    requireBody(BodyType.MAP, "mapBody()");
    return (Map<String, Object>) body;
  }

  /** The object of an object message. */
  public Serializable object() {
    requireBody(BodyType.OBJECT, "object()");
    return (Serializable) body;
  }

  /** The application properties, in the order set; unmodifiable, values may be null. */
  public Map<String, Object> properties() {
    return properties;
  }

  /** The JMS type header, or null. */
  public String type() {
    return type;
  }

  /** The correlation id header, or null. */
  public String correlationId() {
    return correlationId;
  }

  /** Where replies should go, or null. */
  public Endpoint replyTo() {
    return replyTo;
  }

  /** The JMS priority, 0 to 9. */
  public int priority() {
    return priority;
  }

  /** How long the message lives after sending; zero for ever. */
  public Duration timeToLive() {
    return timeToLive;
  }

  /** {@link DeliveryMode#PERSISTENT} or {@link DeliveryMode#NON_PERSISTENT}. */
  public int deliveryMode() {
    return deliveryMode;
  }

  /** How long the broker holds the message back after sending; zero for not at all. */
  public Duration deliveryDelay() {
    return deliveryDelay;
  }

  private void requireBody(BodyType wanted, String accessor) {
    if (bodyType != wanted) {
      throw new IllegalStateException(
          accessor + " needs a " + wanted + " body but this message has a " + bodyType + " body.");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutgoingMessage other
        && bodyType == other.bodyType
        && (bodyType == BodyType.BYTES
            ? Arrays.equals((byte[]) body, (byte[]) other.body)
            : Objects.equals(body, other.body))
        && properties.equals(other.properties)
        && Objects.equals(type, other.type)
        && Objects.equals(correlationId, other.correlationId)
        && Objects.equals(replyTo, other.replyTo)
        && priority == other.priority
        && timeToLive.equals(other.timeToLive)
        && deliveryMode == other.deliveryMode
        && deliveryDelay.equals(other.deliveryDelay);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bodyType, properties, type, correlationId, priority);
  }

  @Override
  public String toString() {
    return "OutgoingMessage{" + bodyType + ", properties=" + properties + "}";
  }
}
