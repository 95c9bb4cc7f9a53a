package io.github.qpidharness.examples;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * A stand-in for a service that answers requests: it reads a product code from the {@code
 * price-requests} queue and replies to the request's reply-to address with the same correlation id.
 */
public final class PriceResponder implements AutoCloseable {
  /** The queue requests arrive on. */
  public static final String REQUESTS = "price-requests";

  private final Connection connection;

  /** Starts answering requests through {@code connectionFactory}. */
  public PriceResponder(ConnectionFactory connectionFactory) throws JMSException {
    connection = connectionFactory.createConnection();
    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageProducer replies = session.createProducer(null);
    session
        .createConsumer(session.createQueue(REQUESTS))
        .setMessageListener(request -> answer(session, replies, request));
    connection.start();
  }

  private static void answer(Session session, MessageProducer replies, Message request) {
    try {
      String product = ((TextMessage) request).getText();
      TextMessage reply = session.createTextMessage(product + "=" + (product.length() * 100));
      reply.setJMSCorrelationID(request.getJMSCorrelationID());
      replies.send(request.getJMSReplyTo(), reply);
    } catch (JMSException e) {
      throw new IllegalStateException("Cannot answer " + request, e);
    }
  }

  @Override
  public void close() throws JMSException {
    connection.close();
  }
}
