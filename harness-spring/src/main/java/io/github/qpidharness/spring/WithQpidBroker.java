package io.github.qpidharness.spring;

import io.github.qpidharness.junit5.WithBroker;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.annotation.AliasFor;

/**
 * Runs a Spring test class ({@code @SpringBootTest}, {@code @SpringJUnitConfig}) against the
 * embedded broker: the application context gets a {@link TestHostConnectionFactory} and is cached
 * as usual, while every test gets a fresh isolated host that the context's connections and JMS
 * listener containers follow.
 *
 * <pre>{@code
 * @SpringBootTest
 * @WithQpidBroker(queues = "orders", topics = "order-events")
 * class OrderListenerTest {
 *   @Test
 *   void publishesAnEvent(@Queue("orders") MessageSender orders,
 *                         @Topic("order-events") MessageReceiver events) {
 *     orders.send("42");
 *     assertThat(events).receivesMessageWithText("accepted 42");
 *   }
 * }
 * }</pre>
 *
 * <p>Before each test (after Spring prepared the test instance, before {@code @BeforeEach} methods)
 * the test's host gets the queues and topics named here, whatever the context's {@link HostSetup}
 * beans declare, and the destinations of the test's {@code @Queue}/{@code @Topic} parameters and
 * fields (queues with their annotation's options); then the connection factory points at it and
 * every JMS listener container of the context starts on it. After the test the containers shut
 * down, and then the host closes. Listener containers therefore run only during tests: they do not
 * start with the context.
 *
 * <p>This is {@link WithBroker @WithBroker} too: test and lifecycle methods take the harness's
 * parameters ({@code TestBroker}, {@code ConnectionFactory}, {@code @Queue}/{@code @Topic} senders
 * and receivers) on the same host, next to Spring's own {@code @Autowired} parameters; a
 * {@code @WithBroker(isolation = PER_CLASS)} on the class makes its tests share one host. Tests
 * that share a context must not run in parallel: the context routes to one test's host at a time.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@WithBroker
@ExtendWith(SpringHostExtension.class)
public @interface WithQpidBroker {

  /** Queues (standard queues) to declare on each test's host before the listeners start. */
  @AliasFor(annotation = WithBroker.class)
  String[] queues() default {};

  /** Topics (topic exchanges) to declare on each test's host before the listeners start. */
  @AliasFor(annotation = WithBroker.class)
  String[] topics() default {};
}
