package io.github.qpidharness.examples.spring.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.examples.spring.OrderApplication;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The same ten tests the way teams isolate them on Spring Boot's embedded Artemis today: a new
 * context (and broker) per class, plain JMS to check the events, the same 5 s wait and 200 ms quiet
 * period.
 */
@SpringBootTest(
    properties = {"spring.artemis.mode=embedded", "spring.artemis.embedded.persistent=false"})
@DirtiesContext
public abstract class ArtemisOrderScenarios {
  @Autowired ConnectionFactory connectionFactory;

  @RepeatedTest(10)
  void anOrderBecomesExactlyOneEvent(RepetitionInfo repetition) {
    int id = repetition.getCurrentRepetition();
    try (JMSContext jms = connectionFactory.createContext()) {
      JMSConsumer events = jms.createConsumer(jms.createTopic(OrderApplication.ORDER_EVENTS));
      jms.createProducer().send(jms.createQueue(OrderApplication.ORDERS), id + ",book,1");

      assertThat(events.receiveBody(String.class, 5_000))
          .isEqualTo("order " + id + " accepted: 1 x book");
      assertThat(events.receiveBody(String.class, 200)).isNull();
    }
  }
}
