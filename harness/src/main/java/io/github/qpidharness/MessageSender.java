package io.github.qpidharness;

import java.io.Serializable;
import java.util.Map;

/**
 * Sends messages to one queue or topic of a {@link TestBroker}, checking properties before anything
 * leaves.
 *
 * <p>Get one with {@link TestBroker#queueSender} or {@link TestBroker#topicSender}. A sender may be
 * used from several threads (sends are serialized); every send blocks until the broker accepted the
 * message, persistent or not, so a message whose send returned is on the broker. Senders cost no
 * round trip to the broker: the senders of a host send through one shared link per session. Closing
 * twice is harmless; the host closes its senders when it closes.
 */
public interface MessageSender extends AutoCloseable {

  /** Where this sender sends. */
  Endpoint endpoint();

  /**
   * Sends a message.
   *
   * @throws IllegalStateException if the sender is closed
   * @throws MessagingException if the client or broker refuses the message
   */
  SentMessage send(OutgoingMessage message);

  /** Sends a text message. */
  default SentMessage send(String text) {
    return send(OutgoingMessage.text(text));
  }

  /** Sends a text message with application properties (checked first). */
  default SentMessage send(String text, Map<String, ?> properties) {
    return send(OutgoingMessage.text(text).withProperties(properties));
  }

  /** Sends a bytes message. */
  default SentMessage send(byte[] bytes) {
    return send(OutgoingMessage.bytes(bytes));
  }

  /** Sends a bytes message with application properties (checked first). */
  default SentMessage send(byte[] bytes, Map<String, ?> properties) {
    return send(OutgoingMessage.bytes(bytes).withProperties(properties));
  }

  /** Sends a map message. */
  default SentMessage sendMap(Map<String, ?> body) {
    return send(OutgoingMessage.map(body));
  }

  /** Sends a map message with application properties (checked first). */
  default SentMessage sendMap(Map<String, ?> body, Map<String, ?> properties) {
    return send(OutgoingMessage.map(body).withProperties(properties));
  }

  /**
   * Starts a text message to finish with headers and properties and {@link MessageBuilder#send}.
   */
  default MessageBuilder message(String text) {
    return new MessageBuilder(this, OutgoingMessage.text(text));
  }

  /** Starts a bytes message. */
  default MessageBuilder message(byte[] bytes) {
    return new MessageBuilder(this, OutgoingMessage.bytes(bytes));
  }

  /** Starts a map message. */
  default MessageBuilder mapMessage(Map<String, ?> body) {
    return new MessageBuilder(this, OutgoingMessage.map(body));
  }

  /** Starts an object message (receivers need its classes on the allow-list). */
  default MessageBuilder objectMessage(Serializable body) {
    return new MessageBuilder(this, OutgoingMessage.object(body));
  }

  /** True once {@link #close()} was called, by the user or by the host closing. */
  boolean isClosed();

  /** Closes the sender's session. Idempotent. */
  @Override
  void close();
}
