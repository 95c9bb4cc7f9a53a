package io.github.qpidharness.junit5;

import io.github.qpidharness.Store;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the annotated test class or method against an embedded Qpid Broker-J, giving each test its
 * own isolated virtual host.
 *
 * <pre>{@code
 * @WithBroker(queues = "orders", topics = "events")
 * class OrderServiceTest {
 *   @Test
 *   void placesOrder(TestBroker broker, @Queue("orders") MessageReceiver orders) {
 *     new OrderService(broker.connectionFactory()).place("42");
 *     // assert on orders
 *   }
 * }
 * }</pre>
 *
 * <p>One broker serves the whole launcher session (a Surefire fork, an IDE run): it starts in the
 * background as soon as JUnit sees that the run contains {@code @WithBroker} tests, overlapping
 * test discovery (see {@link EagerBrokerStart}), or else when a test first needs it, and stops when
 * the session ends. Tests can take {@link io.github.qpidharness.TestBroker}, {@link
 * jakarta.jms.ConnectionFactory}, {@link jakarta.jms.JMSContext}, {@link jakarta.jms.Connection}
 * (both closed after the test) and, with {@link Queue @Queue} or {@link Topic @Topic}, message
 * senders and receivers: as parameters of test methods, {@code @BeforeEach}/{@code @AfterEach}
 * methods and constructors, and as instance fields, all on the test's own host. {@code @BeforeAll},
 * {@code @AfterAll} and static fields run outside any test, so they may take them only with {@code
 * isolation = PER_CLASS} (the class's shared host); under per-method isolation that is an error.
 *
 * <p>With {@code isolation = PER_CLASS}, the class's tests never run at the same time under JUnit's
 * concurrent execution (they would compete for each other's messages); other classes stay parallel.
 *
 * <p>The queues and topics named here (on the method, its class and enclosing classes) exist on the
 * host before the test body runs. Names nobody declared are not created on the fly: a JMS client
 * that uses one gets an {@code InvalidDestinationException}, which this extension explains.
 *
 * <p>A class that needs a broker of its own, to {@link
 * io.github.qpidharness.EmbeddedBroker#restart() restart} it or to run on the {@link Store#DERBY
 * Derby store}, says {@code dedicated = true} or {@code store = Store.DERBY} (which implies it):
 * the broker starts for the class, is closed after it, and its tests (including {@code @Nested}
 * ones) can take it as an {@link io.github.qpidharness.EmbeddedBroker} parameter. The session's
 * shared broker is never restarted, and cannot be injected.
 *
 * <p>A different broker (credentials, more protocols) can be configured with the JUnit
 * configuration parameter {@value #BROKER_FACTORY_PARAMETER}: the name of a class with a public
 * no-argument constructor that implements {@code Supplier<EmbeddedBroker>}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(BrokerExtension.class)
@ResourceLock(providers = HostLocks.class)
public @interface WithBroker {

  /** JUnit configuration parameter naming a {@code Supplier<EmbeddedBroker>} class. */
  String BROKER_FACTORY_PARAMETER = "qpidharness.junit5.brokerFactory";

  /**
   * JUnit configuration parameter: {@code false} starts the broker when the first test needs it
   * instead of in the background while JUnit discovers tests (default {@code true}).
   */
  String EAGER_START_PARAMETER = "qpidharness.junit5.eagerStart";

  /** Queues to declare (standard queues) before each test. */
  String[] queues() default {};

  /** Topics to declare (topic exchanges) before each test. */
  String[] topics() default {};

  /**
   * Which tests share a host: by default each test method gets a fresh one; {@link
   * Isolation#PER_CLASS} on a class shares one among all its tests, including {@code @Nested} ones.
   */
  Isolation isolation() default Isolation.PER_METHOD;

  /**
   * Where the broker keeps its hosts' queues and messages. Anything but {@link Store#MEMORY} (the
   * shared broker's store) gives the class a {@linkplain #dedicated() dedicated} broker with that
   * store. On a test class only.
   */
  Store store() default Store.MEMORY;

  /**
   * True gives the class a broker of its own, started for the class and closed after it, which its
   * tests may restart or inspect as an injected {@link io.github.qpidharness.EmbeddedBroker}
   * without disturbing tests of other classes. On a test class only.
   */
  boolean dedicated() default false;
}
