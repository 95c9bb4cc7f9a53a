package io.github.qpidharness.examples;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * A message-driven stand-in for a service under test: for each order {@code "ID:ITEM,ITEM,..."} on
 * the {@code orders} queue it publishes one shipment per item to the {@code shipments} topic, from
 * its own listener thread.
 */
public final class ShipmentSplitter implements AutoCloseable {
  /** The queue the service takes orders from. */
  public static final String ORDERS_QUEUE = "orders";

  /** The topic it publishes shipments to. */
  public static final String SHIPMENTS_TOPIC = "shipments";

  private final Connection connection;

  /** Connects through {@code connectionFactory} and starts listening. */
  public ShipmentSplitter(ConnectionFactory connectionFactory) throws JMSException {
    connection = connectionFactory.createConnection();
    try {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer shipments = session.createProducer(session.createTopic(SHIPMENTS_TOPIC));
      session
          .createConsumer(session.createQueue(ORDERS_QUEUE))
          .setMessageListener(order -> split(session, shipments, order));
      connection.start();
    } catch (JMSException e) {
      connection.close();
      throw e;
    }
  }

  private static void split(Session session, MessageProducer shipments, Message order) {
    try {
      String[] idAndItems = order.getBody(String.class).split(":", 2);
      for (String item : idAndItems[1].split(",")) {
        Message shipment = session.createTextMessage("ship " + item);
        shipment.setStringProperty("orderId", idAndItems[0]);
        shipments.send(shipment);
      }
    } catch (JMSException e) {
      throw new IllegalStateException("Could not split order " + order, e);
    }
  }

  @Override
  public void close() throws JMSException {
    connection.close();
  }
}
