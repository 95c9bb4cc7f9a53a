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
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link MessageSender} on its own JMS session of the host's shared connection, sending through
 * the session's anonymous producer (see {@link FixtureSession}). Not API.
 */
final class JmsMessageSender implements MessageSender, Fixture {
  /** Bytes bodies go to the client in slices this big, so the harness holds no second copy. */
  private static final int SLICE = 64 * 1024;

  private final Session session;
  private final FixtureSession fixtureSession;
  private final HostLimits limits;
  private final Destination destination;
  private final Endpoint endpoint;
  private final Consumer<AutoCloseable> onClose;
  private final SessionEnd sessionEnd;
  private volatile boolean closed;
  private volatile String restarted;
  private volatile String interruption;

  private JmsMessageSender(
      FixtureSession fixtureSession,
      HostLimits limits,
      Destination destination,
      Endpoint endpoint,
      Consumer<AutoCloseable> onClose,
      SessionEnd sessionEnd) {
    this.fixtureSession = fixtureSession;
    this.session = fixtureSession.session();
    this.limits = limits;
    this.sessionEnd = sessionEnd;
    this.destination = destination;
    this.endpoint = endpoint;
    this.onClose = onClose;
  }

  static JmsMessageSender open(
      FixtureSession fixtureSession,
      Endpoint endpoint,
      Consumer<AutoCloseable> onClose,
      HostClients clients,
      SessionEnd sessionEnd) {
    Session session = fixtureSession.session();
    try {
      fixtureSession.producer();
      return new JmsMessageSender(
          fixtureSession,
          clients.limits(),
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
    String why = interruption;
    if (why != null) {
      throw new IllegalStateException(
          "The sender for "
              + endpoint
              + " cannot send: "
              + why
              + ". Senders do not reconnect; create a new one with the host.");
    }
    requireWithinSizeLimit(message);
    try {
      Message jms = toJms(message);
      MessageProducer producer = fixtureSession.producer();
      producer.setDeliveryDelay(message.deliveryDelay().toMillis());
      producer.send(
          destination,
          jms,
          message.deliveryMode(),
          message.priority(),
          message.timeToLive().toMillis());
      return new SentMessage(jms.getJMSMessageID(), endpoint, message);
    } catch (JMSException e) {
      // A refused message (e.g. over the broker's size limit) makes Broker-J detach the link:
      // the next send attaches a new one, so the sender stays usable.
      fixtureSession.discardProducer();
      throw new MessagingException("Sending to " + endpoint + " failed: " + e, e);
    }
  }

  /** Its connection ended ({@code why} says how): every later send fails saying so. */
  @Override
  public void interrupted(String why) {
    if (interruption == null) {
      interruption = why;
    }
  }

  /**
   * Refuses a body the broker would refuse, before it is encoded: the client would first copy it
   * into a frame for nothing, and the broker answers by detaching the sending link.
   */
  private void requireWithinSizeLimit(OutgoingMessage message) {
    long size = message.bodySize();
    if (size > limits.maxMessageSize()) {
      throw new IllegalArgumentException(
          "The message to "
              + endpoint
              + " has a body of "
              + size
              + " bytes, more than the broker's limit of "
              + limits.maxMessageSize()
              + " bytes per message (Broker-J's qpid.max_message_size); send a smaller body, or"
              + " raise the limit with EmbeddedBroker.builder().brokerContext("
              + "\"qpid.max_message_size\", ...).");
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
        ByteBuffer body = message.bytesView();
        byte[] slice = new byte[Math.min(SLICE, body.remaining())];
        while (body.hasRemaining()) {
          int n = Math.min(slice.length, body.remaining());
          body.get(slice, 0, n);
          bytes.writeBytes(slice, 0, n);
        }
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
