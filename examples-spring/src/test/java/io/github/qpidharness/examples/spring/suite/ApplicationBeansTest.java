package io.github.qpidharness.examples.spring.suite;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessageSender;
import io.github.qpidharness.TestBroker;
import io.github.qpidharness.examples.spring.OrderApplication;
import io.github.qpidharness.junit5.Queue;
import io.github.qpidharness.junit5.Topic;
import io.github.qpidharness.spring.TestHostConnectionFactory;
import io.github.qpidharness.spring.WithQpidBroker;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jms.config.JmsListenerEndpointRegistry;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.AbstractMessageListenerContainer;

/** The application's own beans and the harness's fixtures work side by side on the test's host. */
@SpringBootTest
@WithQpidBroker
class ApplicationBeansTest {
  @Autowired ApplicationContext context;
  @Autowired JmsTemplate eventTemplate;
  @Autowired ConnectionFactory applicationConnectionFactory;

  private TestBroker host;

  @BeforeEach
  void rememberTheHost(TestBroker broker) {
    host = broker;
  }

  @Test
  void bootsOwnConnectionFactoryBacksOffForTheHarnessOne() {
    assertThat(context.getBeanNamesForType(ConnectionFactory.class))
        .containsExactly("qpidHarnessConnectionFactory");
    assertThat(applicationConnectionFactory).isInstanceOf(TestHostConnectionFactory.class);
  }

  @Test
  void theJmsListenerContainerUsesTheHarnessConnectionFactory(
      @Autowired JmsListenerEndpointRegistry registry) {
    assertThat(registry.getListenerContainers())
        .singleElement()
        .satisfies(
            container -> {
              assertThat(container.isRunning()).isTrue();
              assertThat(((AbstractMessageListenerContainer) container).getConnectionFactory())
                  .isSameAs(applicationConnectionFactory);
            });
  }

  @RepeatedTest(4)
  void theApplicationsJmsTemplateReachesThisTestsHost(
      @Topic(OrderApplication.ORDER_EVENTS) MessageReceiver events) {
    eventTemplate.convertAndSend(OrderApplication.ORDER_EVENTS, "sent by the application");

    assertThat(events).receivesMessageWithText("sent by the application");
  }

  @RepeatedTest(2)
  void theInjectedConnectionFactoriesReachTheSameHost(
      ConnectionFactory harnessConnectionFactory, @Queue("audit") MessageReceiver audit) {
    try (JMSContext jms = applicationConnectionFactory.createContext()) {
      jms.createProducer().send(jms.createQueue("audit"), "through the application's bean");
    }
    try (JMSContext jms = harnessConnectionFactory.createContext()) {
      jms.createProducer().send(jms.createQueue("audit"), "through the harness's parameter");
    }

    assertThat(audit)
        .receivesInOrder("through the application's bean", "through the harness's parameter");
  }

  @RepeatedTest(2)
  void beforeEachMethodsGetTheTestsHostToo(
      TestBroker broker,
      @Queue(OrderApplication.ORDERS) MessageSender orders,
      @Topic(OrderApplication.ORDER_EVENTS) MessageReceiver events) {
    assertThat(host).isSameAs(broker);
    orders.send("3,kite,4");

    assertThat(events).receivesMessageWithText("order 3 accepted: 4 x kite");
    assertThat(broker.queueStats(OrderApplication.ORDERS).totalEnqueued()).isEqualTo(1);
  }
}
