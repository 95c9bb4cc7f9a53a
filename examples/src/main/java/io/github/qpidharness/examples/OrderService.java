package io.github.qpidharness.examples;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;

/**
 * A stand-in for production code under test: it knows only {@code jakarta.jms} and publishes an
 * event to the {@code orders} topic whenever an order is placed.
 */
public final class OrderService {
  /** The topic every placed order is announced on. */
  public static final String ORDERS_TOPIC = "order-events";

  private final ConnectionFactory connectionFactory;

  /** Creates a service that publishes through {@code connectionFactory}. */
  public OrderService(ConnectionFactory connectionFactory) {
    this.connectionFactory = connectionFactory;
  }

  /**
   * Announces that order {@code orderId} was placed for {@code amountCents}.
   *
   * @throws JMSRuntimeException if the broker cannot take the message
   */
  public void place(String orderId, long amountCents) {
    try (JMSContext context = connectionFactory.createContext()) {
      TextMessage message = context.createTextMessage("{\"order\":\"" + orderId + "\"}");
      message.setJMSType("OrderPlaced");
      message.setStringProperty("orderId", orderId);
      message.setLongProperty("amountCents", amountCents);
      context.createProducer().send(context.createTopic(ORDERS_TOPIC), message);
    } catch (jakarta.jms.JMSException e) {
      throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
    }
  }
}
