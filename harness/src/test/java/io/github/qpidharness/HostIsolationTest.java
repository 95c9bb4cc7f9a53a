package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.internal.ConnectionFactories;
import io.github.qpidharness.internal.VirtualHostBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.PatternMatchingAlias;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostAlias;
import org.apache.qpid.server.model.VirtualHostNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only the name currently handed out reaches a pooled host: not its node's name, not a name an
 * earlier user saw in any way, not a guess. A pool of one makes the next host the one just
 * returned, when it is reused.
 */
// Clients that try names they were never given, or a withdrawn one, are refused; qpid-jms logs
// each.
@ExpectedLog({
  "JmsConnection - Connection ID:\\S+ has failed due to: Unknown hostname in connection open",
  "JmsConnection - Connection ID:\\S+ has failed due to: Transport connection remotely closed",
  "JmsConnection - Connection ID:\\S+ has failed due to: Connection closed by external action"
})
class HostIsolationTest {
  static final Duration POOL_IDLE_TIMEOUT = HarnessTimeouts.scaled(Duration.ofSeconds(30));

  private EmbeddedBroker broker;

  @BeforeEach
  void startBroker() {
    broker = EmbeddedBroker.builder().hostPoolSize(1).start();
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  @Test
  void aPooledHostCannotBeReachedByItsNodeName() throws Exception {
    try (TestBroker host = broker.isolatedHost()) {
      host.declareQueue("orders");

      assertThat(reaches(broker, node(host).getName()))
          .as("reachable by its node's name")
          .isFalse();
      assertThat(reaches(broker, host.name())).as("reachable by its name").isTrue();
    }
  }

  @Test
  void subscriptionQueueNamesTellNothingAboutTheHost() throws Exception {
    try (TestBroker host = broker.isolatedHost()) {
      host.durableSubscriber("events", "audit").close();

      assertThat(host.queueNames()).hasSize(1);
      assertThat(host.queueNames().get(0))
          .doesNotContain(node(host).getName())
          .doesNotContain(node(host).getId().toString());
    }
  }

  @Test
  void theNextUserOfAHostSeesAnotherClientIdInSubscriptionQueueNames() throws Exception {
    TestBroker first = broker.isolatedHost();
    first.durableSubscriber("events", "audit").close();
    String seenFirst = first.queueNames().get(0);
    first.close();

    try (TestBroker next = nextHostAfter(first)) {
      next.durableSubscriber("events", "audit");

      assertThat(next.queueNames()).hasSize(1).doesNotContain(seenFirst);
    }
  }

  @Test
  void aNameShownInAnErrorMessageReachesNothingOnceTheHostIsReturned() throws Exception {
    TestBroker first = broker.isolatedHost();
    String shown = hostNameIn(assertThatThrownBy(() -> first.queueStats("missing")));
    assertThat(reaches(broker, shown)).as("reachable while in use").isTrue();
    first.close();

    try (TestBroker next = nextHostAfter(first)) {
      assertThat(reaches(broker, shown)).as("reachable by the name the last user saw").isFalse();
      next.queueSender("orders").send("for the next user");
      assertThat(next.queueReceiver("orders")).receivesMessageWithText("for the next user");
    }
  }

  @Test
  void everyHandOutGetsAFreshNameEvenIfNobodyAskedForIt() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TestBroker host = broker.isolatedHost();
      host.queueSender("orders").send("through the fixtures only");
      // Read from the broker, not through the host: the test itself never learns the name.
      names.add(resolvedName(host));
      host.close();
      assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();
    }
    assertThat(names).doesNotHaveDuplicates();
    for (String name : names) {
      assertThat(reaches(broker, name)).as("reachable by %s", name).isFalse();
    }
  }

  @Test
  void pooledHostNamesCannotBeGuessed() throws Exception {
    try (TestBroker a = broker.isolatedHost();
        TestBroker b = broker.isolatedHost()) {
      assertThat(a.name()).matches("isolated-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
      assertThat(b.name()).matches("isolated-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
      List<String> reached = new ArrayList<>();
      for (int i = 1; i <= 64; i++) {
        if (reaches(broker, "isolated-" + i)) {
          reached.add("isolated-" + i);
        }
      }
      assertThat(reached).as("names tried that reach a host").isEmpty();
    }
  }

  @Test
  void theDefaultHostAndCreatedHostsStayReachable() throws Exception {
    try (TestBroker created = broker.createHost("orders-test")) {
      created.declareQueue("orders");
      assertThat(reaches(broker.connectionFactory())).as("default host").isTrue();
      assertThat(reaches(broker, "orders-test")).as("created host by its name").isTrue();
      assertThat(
              EmbeddedBrokerTest.sendAndReceive(created.connectionFactory(), "orders", "mine", "t")
                  .getText())
          .isEqualTo("mine");
    }
    assertThat(reaches(broker, "orders-test")).as("created host once closed").isFalse();
  }

  @Test
  void anExistingHostErrorNamesNoOtherHost() {
    try (TestBroker isolated = broker.isolatedHost();
        TestBroker taken = broker.createHost("taken")) {
      assertThatThrownBy(() -> broker.createHost("taken"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "A host named \"taken\" already exists on this broker. Close it first or choose"
                  + " another name.");
      assertThatThrownBy(() -> broker.createHost(isolated.name()))
          .hasMessageNotContaining(node(isolated).getName());
    }
  }

  /** The one name the broker's port resolves to the host's node. */
  private static String resolvedName(TestBroker host) {
    List<String> names = new ArrayList<>();
    for (Port<?> port : ((Broker<?>) node(host).getParent()).getChildren(Port.class)) {
      for (VirtualHostAlias<?> alias : port.getChildren(VirtualHostAlias.class)) {
        if (alias instanceof PatternMatchingAlias<?> named
            && named.getVirtualHostNode() == node(host)) {
          Matcher quoted = Pattern.compile("\\\\Q(.*)\\\\E").matcher(named.getPattern());
          assertThat(quoted.matches()).as("a quoted name: %s", named.getPattern()).isTrue();
          names.add(quoted.group(1));
        }
      }
    }
    assertThat(names).as("names of %s", node(host).getName()).hasSize(1);
    return names.get(0);
  }

  /** The host name an error message quotes, as a test could read it. */
  private static String hostNameIn(
      org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> thrown) {
    String[] found = new String[1];
    thrown.satisfies(
        e -> {
          Matcher m = Pattern.compile("on host \"([^\"]+)\"").matcher(e.getMessage());
          assertThat(m.find()).as("a host name in: %s", e.getMessage()).isTrue();
          found[0] = m.group(1);
        });
    return found[0];
  }

  private TestBroker nextHostAfter(TestBroker previous) throws InterruptedException {
    assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();
    TestBroker next = broker.isolatedHost();
    assertThat(node(next)).as("the host handed out next").isSameAs(node(previous));
    return next;
  }

  /** True if a plain client that names {@code hostName} gets a session on the broker. */
  static boolean reaches(EmbeddedBroker broker, String hostName) throws JMSException {
    return reaches(
        ConnectionFactories.create(
            ConnectionFactories.jmsUrl("127.0.0.1", broker.amqpPort(), hostName), null, null));
  }

  /** True if a client of {@code factory} gets a session on the broker. */
  static boolean reaches(ConnectionFactory factory) throws JMSException {
    Connection connection = factory.createConnection();
    try {
      connection.start();
      connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
      return true;
    } catch (JMSException e) {
      return false;
    } finally {
      connection.close();
    }
  }

  static VirtualHostNode<?> node(TestBroker host) {
    return ((VirtualHostBroker) host).node();
  }

  static VirtualHost<?> virtualHost(TestBroker host) {
    return ((VirtualHostBroker) host).host();
  }

  static Map<String, Object> attributes(Object... keyValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
