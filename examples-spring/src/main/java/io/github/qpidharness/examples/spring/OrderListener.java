package io.github.qpidharness.examples.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Processes orders written as {@code id,item,quantity}: publishes {@code order <id> accepted:
 * <quantity> x <item>} with the property {@code orderId}, and throws for an order it cannot read,
 * so that the broker delivers it again and finally dead-letters it.
 */
@Component
public class OrderListener {
  private final JmsTemplate events;
  private final AtomicInteger rejected = new AtomicInteger();

  OrderListener(JmsTemplate eventTemplate) {
    this.events = eventTemplate;
  }

  /** How many deliveries this listener refused since the application started. */
  public int rejectedDeliveries() {
    return rejected.get();
  }

  @JmsListener(destination = OrderApplication.ORDERS)
  public void onOrder(String order) {
    try {
      accept(order);
    } catch (IllegalArgumentException e) {
      rejected.incrementAndGet();
      throw e;
    }
  }

  private void accept(String order) {
    String[] fields = order.split(",", -1);
    if (fields.length != 3 || fields[0].isBlank() || fields[1].isBlank()) {
      throw new IllegalArgumentException(
          "Order \"" + order + "\" is not of the form id,item,quantity.");
    }
    int quantity;
    try {
      quantity = Integer.parseInt(fields[2].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Order \"" + order + "\" has quantity \"" + fields[2] + "\", not a number.", e);
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException(
          "Order \"" + order + "\" has quantity " + quantity + "; it must be at least 1.");
    }
    String id = fields[0].trim();
    String text = "order " + id + " accepted: " + quantity + " x " + fields[1].trim();
    events.convertAndSend(
        OrderApplication.ORDER_EVENTS,
        text,
        message -> {
          message.setStringProperty("orderId", id);
          return message;
        });
  }
}
