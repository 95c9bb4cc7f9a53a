package io.github.qpidharness;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A fluent way to set a message's properties and headers and send it with one {@link
 * MessageSender}: {@code sender.message("body").property("type", "test").priority(7).send()}.
 *
 * <p>Each call checks its argument at once; {@link #build()} gives the immutable {@link
 * OutgoingMessage} for sending again later.
 */
public final class MessageBuilder {
  private final MessageSender sender;
  private OutgoingMessage message;

  MessageBuilder(MessageSender sender, OutgoingMessage message) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.message = Objects.requireNonNull(message, "message");
  }

  /** Sets an application property; see {@link OutgoingMessage#withProperty}. */
  public MessageBuilder property(String name, Object value) {
    message = message.withProperty(name, value);
    return this;
  }

  /** Sets several application properties; see {@link OutgoingMessage#withProperties}. */
  public MessageBuilder properties(Map<String, ?> properties) {
    message = message.withProperties(properties);
    return this;
  }

  /** Sets the JMS type header. */
  public MessageBuilder type(String type) {
    message = message.withType(type);
    return this;
  }

  /** Sets the correlation id header. */
  public MessageBuilder correlationId(String correlationId) {
    message = message.withCorrelationId(correlationId);
    return this;
  }

  /** Sets the reply-to header to a queue. */
  public MessageBuilder replyToQueue(String queue) {
    message = message.withReplyToQueue(queue);
    return this;
  }

  /** Sets the reply-to header to a topic. */
  public MessageBuilder replyToTopic(String topic) {
    message = message.withReplyToTopic(topic);
    return this;
  }

  /** Sets the JMS priority, 0 to 9. */
  public MessageBuilder priority(int priority) {
    message = message.withPriority(priority);
    return this;
  }

  /** Sets how long the message lives after sending. */
  public MessageBuilder timeToLive(Duration timeToLive) {
    message = message.withTimeToLive(timeToLive);
    return this;
  }

  /** Holds the message back on the broker for {@code deliveryDelay} after sending. */
  public MessageBuilder deliveryDelay(Duration deliveryDelay) {
    message = message.withDeliveryDelay(deliveryDelay);
    return this;
  }

  /** Sets the delivery mode ({@code DeliveryMode.PERSISTENT} or {@code NON_PERSISTENT}). */
  public MessageBuilder deliveryMode(int deliveryMode) {
    message = message.withDeliveryMode(deliveryMode);
    return this;
  }

  /** The message as built so far. */
  public OutgoingMessage build() {
    return message;
  }

  /** Sends the message with the sender this builder came from. */
  public SentMessage send() {
    return sender.send(message);
  }
}
