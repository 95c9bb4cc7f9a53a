package io.github.qpidharness;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link MessageSender} sent: the id the client gave the message, where it went, and the
 * message itself; assertions match received messages against it by id.
 *
 * @param messageId the JMS message id, e.g. {@code ID:...}, equal to the id receivers see
 * @param endpoint the queue or topic it was sent to
 * @param message the body, properties and headers that were sent
 */
public record SentMessage(String messageId, Endpoint endpoint, OutgoingMessage message) {

  public SentMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(message, "message");
  }

  /** The text of a text message. */
  public String text() {
    return message.text();
  }

  /** The application properties that were sent. */
  public Map<String, Object> properties() {
    return message.properties();
  }
}
