package io.github.qpidharness.internal;

import io.github.qpidharness.Endpoint;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.MessagingException;
import io.github.qpidharness.OutgoingMessage;
import io.github.qpidharness.SentMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link MessageSender} on its own JMS session of the host's shared connection, sending through
 * the session's anonymous producer (see {@link FixtureSession}). Not API.
 */
final class JmsMessageSender implements MessageSender, Fixture {
  private final Session session;
  private final MessageProducer producer;
  private final Destination destination;
  private final Endpoint endpoint;
  private final Consumer<AutoCloseable> onClose;
  private final SessionEnd sessionEnd;
  private volatile boolean closed;
  private volatile String restarted;

  private JmsMessageSender(
      Session session,
      MessageProducer producer,
      Destination destination,
      Endpoint endpoint,
      Consumer<AutoCloseable> onClose,
      SessionEnd sessionEnd) {
    this.session = session;
    this.sessionEnd = sessionEnd;
    this.producer = producer;
    this.destination = destination;
    this.endpoint = endpoint;
    this.onClose = onClose;
  }

  static JmsMessageSender open(
      FixtureSession fixtureSession,
      Endpoint endpoint,
      Consumer<AutoCloseable> onClose,
      SessionEnd sessionEnd) {
    Session session = fixtureSession.session();
    try {
      return new JmsMessageSender(
          session,
          fixtureSession.producer(),
          destination(session, endpoint),
          endpoint,
          onClose,
          sessionEnd);
    } catch (JMSException e) {
      fixtureSession.closeQuietly();
      throw new MessagingException("Could not create a sender for " + endpoint + ": " + e, e);
    }
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public synchronized SentMessage send(OutgoingMessage message) {
    if (closed) {
      throw new IllegalStateException(
          "The sender for " + endpoint + " is closed; create a new one with the host.");
    }
    if (restarted != null) {
      throw new IllegalStateException(
          "The sender for "
              + endpoint
              + " was created before "
              + restarted
              + " and does not reconnect; create a new one with the host.");
    }
    try {
      Message jms = toJms(message);
      producer.send(
          destination,
          jms,
          message.deliveryMode(),
          message.priority(),
          message.timeToLive().toMillis());
      return new SentMessage(jms.getJMSMessageID(), endpoint, message);
    } catch (JMSException e) {
      throw new MessagingException("Sending to " + endpoint + " failed: " + e, e);
    }
  }

  @Override
  public void restarted(String reason) {
    restarted = reason;
  }

  private Message toJms(OutgoingMessage message) throws JMSException {
    Message jms;
    switch (message.bodyType()) {
      case TEXT:
        jms = session.createTextMessage(message.text());
        break;
      case BYTES:
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(message.bytes());
        jms = bytes;
        break;
      case MAP:
        MapMessage map = session.createMapMessage();
        for (Map.Entry<String, Object> entry : message.mapBody().entrySet()) {
          map.setObject(entry.getKey(), entry.getValue());
        }
        jms = map;
        break;
      case OBJECT:
        jms = session.createObjectMessage(message.object());
        break;
      default:
        throw new IllegalArgumentException("Cannot send a " + message.bodyType() + " body.");
    }
    for (Map.Entry<String, Object> property : message.properties().entrySet()) {
      jms.setObjectProperty(property.getKey(), property.getValue());
    }
    if (message.type() != null) {
      jms.setJMSType(message.type());
    }
    if (message.correlationId() != null) {
      jms.setJMSCorrelationID(message.correlationId());
    }
    if (message.replyTo() != null) {
      jms.setJMSReplyTo(destination(session, message.replyTo()));
    }
    return jms;
  }

  static Destination destination(Session session, Endpoint endpoint) throws JMSException {
    return endpoint.isQueue()
        ? session.createQueue(endpoint.name())
        : session.createTopic(endpoint.name());
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    Fixture.super.close();
  }

  @Override
  public boolean markClosed() {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    onClose.accept(this);
    return true;
  }

  @Override
  public void closeSession(boolean hostClosing) {
    try {
      // The producer is the session's, shared: it stays open for the session's next fixture.
      sessionEnd.end(() -> {});
    } catch (Exception e) {
      throw new MessagingException("Closing the sender for " + endpoint + " failed: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "MessageSender[" + endpoint + (closed ? ", closed" : "") + "]";
  }
}
