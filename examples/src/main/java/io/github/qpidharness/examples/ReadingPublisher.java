package io.github.qpidharness.examples;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * A stand-in for a long-running service under test: it keeps one connection open and publishes
 * sensor readings to the {@code readings} queue, relying on its connection factory (a qpid-jms
 * failover one in production) to survive a broker that goes away and comes back.
 */
public final class ReadingPublisher implements AutoCloseable {
  /** The queue every reading goes to. */
  public static final String READINGS_QUEUE = "readings";

  private final Connection connection;
  private final Session session;
  private final MessageProducer producer;

  /** Connects through {@code connectionFactory}. */
  public ReadingPublisher(ConnectionFactory connectionFactory) throws JMSException {
    connection = connectionFactory.createConnection();
    try {
      session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      producer = session.createProducer(session.createQueue(READINGS_QUEUE));
    } catch (JMSException e) {
      connection.close();
      throw e;
    }
  }

  /** Publishes one persistent reading and returns its JMS message id once the broker has it. */
  public String publish(String reading) throws JMSException {
    TextMessage message = session.createTextMessage(reading);
    producer.send(message);
    return message.getJMSMessageID();
  }

  @Override
  public void close() throws JMSException {
    connection.close();
  }
}
