package io.github.qpidharness.examples.spring.suite;

import static io.github.qpidharness.HarnessAssertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.examples.spring.OrderApplication;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.spring.WithQpidBroker;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
@WithQpidBroker
class OrderEventsTest {

  @ParameterizedTest
  @CsvSource({
    "1,book,1", "2,pen,2", "3,lamp,3", "4,desk,4", "5,chair,5",
    "6,mug,6", "7,cable,7", "8,plant,8", "9,clock,9", "10,rug,10"
  })
  void theListenerPublishesOneEventPerOrder(
      String id,
      String item,
      int quantity,
      @Queue(OrderApplication.ORDERS) MessageSender orders,
      @Topic(OrderApplication.ORDER_EVENTS) MessageReceiver events) {
    orders.send(id + "," + item + "," + quantity);

    assertThat(events)
        .receivesMessage(
            "order " + id + " accepted: " + quantity + " x " + item, Map.of("orderId", id));
    assertThat(events).untilSettled().receivesExactly(1);
  }
}
