package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qpidharness.internal.VirtualHostBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.FixedVirtualHostNodeAlias;
import org.apache.qpid.server.model.PatternMatchingAlias;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.VirtualHostAlias;
import org.apache.qpid.server.model.VirtualHostNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Isolated hosts are reset and handed out again instead of being deleted; the next user must not be
 * able to tell. A pool of one makes the next host the one just returned, which each test checks.
 */
// Recycling a host closes the connections still open on it; qpid-jms logs each one it loses.
@ExpectedLog({
  "JmsConnection - Connection ID:\\S+ has failed due to: Connection closed by external action",
  "JmsConnection - Connection ID:\\S+ has failed due to: Unknown hostname in connection open"
})
class HostRecyclingTest {
  private static final Duration POOL_IDLE_TIMEOUT = HarnessTimeouts.scaled(Duration.ofSeconds(30));

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
  void aRecycledHostHasNoQueuesTopicsMessagesOrSubscriptionsOfItsPreviousUser() throws Exception {
    TestBroker first = broker.isolatedHost();
    first.queueSender("orders").send("left behind");
    MessageReceiver durable = first.durableSubscriber("events", "audit");
    durable.close();
    first.sharedSubscriber("events", "workers");
    first.topicSender("events").send("kept for the durable subscription");
    Connection leftOpen = first.connectionFactory().createConnection();
    Session session = leftOpen.createSession(false, Session.AUTO_ACKNOWLEDGE);
    TemporaryQueue temporary = session.createTemporaryQueue();
    assertThat(first.queueNames()).contains("orders", temporary.getQueueName()).hasSize(4);
    first.close();

    try (TestBroker next = nextHostAfter(first)) {
      assertThat(next.queueNames()).isEmpty();
      assertThat(next.topicNames()).isEmpty();
      assertThat(next.queueReceiver("orders")).receivesNothing();
      assertThat(next.durableSubscriber("events", "audit")).receivesNothing();
      assertThat(next.queueStats("orders").totalEnqueued()).isZero();
    } finally {
      leftOpen.close();
    }
  }

  @Test
  void aConnectionLeftOpenByThePreviousUserIsClosedBeforeTheHostIsHandedOutAgain()
      throws Exception {
    TestBroker first = broker.isolatedHost();
    first.declareQueue("orders");
    Connection leaked = first.connectionFactory().createConnection();
    Session session = leaked.createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageProducer producer = session.createProducer(session.createQueue("orders"));
    producer.send(session.createTextMessage("while the host was ours"));
    first.close();

    try (TestBroker next = nextHostAfter(first)) {
      MessageReceiver receiver = next.queueReceiver("orders");

      assertThatThrownBy(() -> producer.send(session.createTextMessage("into the next test")))
          .isInstanceOf(JMSException.class);
      assertThat(receiver).receivesNothing();
      assertThat(next.queueStats("orders").totalEnqueued()).isZero();
    } finally {
      leaked.close();
    }
  }

  @Test
  void fixturesLeftOpenByThePreviousUserTakeNothingFromTheNextOne() throws Exception {
    TestBroker first = broker.isolatedHost();
    MessageReceiver stale = first.queueReceiver("orders");
    MessageReceiver staleSubscriber = first.topicSubscriber("events");
    first.close();

    try (TestBroker next = nextHostAfter(first)) {
      MessageReceiver receiver = next.queueReceiver("orders");
      MessageReceiver subscriber = next.topicSubscriber("events");
      next.queueSender("orders").send("for the next test");
      next.topicSender("events").send("news for the next test");

      assertThat(receiver).receivesMessageWithText("for the next test");
      assertThat(subscriber).receivesMessageWithText("news for the next test");
      assertThat(stale.received()).isEmpty();
      assertThat(staleSubscriber.received()).isEmpty();
      assertThat(stale.isClosed()).isTrue();
    }
  }

  @Test
  void aConnectionFactoryOfThePreviousUserNoLongerReachesTheHost() throws Exception {
    TestBroker first = broker.isolatedHost();
    var staleFactory = first.connectionFactory();
    String staleName = first.name();
    first.close();

    try (TestBroker next = nextHostAfter(first)) {
      assertThat(next.name()).isNotEqualTo(staleName);
      Connection stale = staleFactory.createConnection();
      try {
        assertThatThrownBy(stale::start)
            .isInstanceOf(JMSException.class)
            .hasMessageContaining(staleName);
      } finally {
        stale.close();
      }
      assertPlainJmsReaches(next);
    }
  }

  @Test
  void afterReadingTheNameTheUrlOrAConnectionFactoryTheNextUserHasAnotherName() throws Exception {
    List<Function<TestBroker, Object>> reads =
        List.of(TestBroker::name, TestBroker::url, TestBroker::connectionFactory);
    for (Function<TestBroker, Object> read : reads) {
      TestBroker first = broker.isolatedHost();
      String name = first.name();
      read.apply(first);
      first.close();

      try (TestBroker next = nextHostAfter(first)) {
        assertThat(next.name()).as("the name handed out next").isNotEqualTo(name);
        assertThat(HostIsolationTest.reaches(broker, name)).as("reachable by %s", name).isFalse();
        assertThat(aliasOf(next).getPattern()).isEqualTo(Pattern.quote(next.name()));
        assertPlainJmsReaches(next);
      }
    }
  }

  @Test
  void twoRecycledHostsInUseAtOnceStayIsolated() throws Exception {
    for (int round = 1; round <= 3; round++) {
      try (TestBroker a = broker.isolatedHost();
          TestBroker b = broker.isolatedHost()) {
        assertThat(node(a)).isNotSameAs(node(b));
        MessageReceiver onA = a.queueReceiver("orders");
        MessageReceiver onB = b.queueReceiver("orders");
        a.queueSender("orders").send("for A " + round);
        b.queueSender("orders").send("for B " + round);

        assertThat(onA).receivesMessageWithText("for A " + round);
        assertThat(onB).receivesMessageWithText("for B " + round);
        assertThat(onA.received()).hasSize(1);
        assertThat(onB.received()).hasSize(1);
      }
      assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();
    }
    assertThat(broker.hostPool().hostsBuilt()).as("hosts built for 6 hand-outs").isLessThan(6);
  }

  @Test
  void aNameInUseByAnIsolatedHostCannotBeTakenByCreateHost() {
    try (TestBroker isolated = broker.isolatedHost()) {
      assertThatThrownBy(() -> broker.createHost(isolated.name()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("A host named \"" + isolated.name() + "\" already exists");
    }
  }

  @Test
  void closeRightAfterStartLeavesNoThreadsOrFiles() throws Exception {
    // The other broker's pool starts threads of its own while it fills.
    assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    EmbeddedBroker eager = EmbeddedBroker.builder().hostPoolSize(64).start();
    Path workDirectory = eager.workDirectory();

    eager.close();

    assertThat(eager.hostPool().hostsBuilt()).as("hosts built at start").isLessThanOrEqualTo(1);
    assertThat(Files.exists(workDirectory)).isFalse();
    assertThat(BrokerLifecycleTest.threadsStartedSince(before, "globalEventExecutor")).isEmpty();
  }

  @Test
  void thePoolBuildsOneHostAtStartAndTheRestOnceAHostComesBack() throws Exception {
    try (EmbeddedBroker pooled = EmbeddedBroker.builder().hostPoolSize(3).start()) {
      // Taken at once: the caller waits for the host the pool is building instead of building
      // a second one beside it.
      TestBroker first = pooled.isolatedHost();
      assertThat(pooled.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();
      assertThat(pooled.hostPool().hostsBuilt())
          .as("hosts built before any came back")
          .isEqualTo(1);

      first.close();
      assertThat(pooled.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();
      assertThat(pooled.hostPool().hostsBuilt()).as("hosts built once one came back").isEqualTo(3);
    }
  }

  /** The host handed out after {@code previous} was returned, checked to be the same one reused. */
  private TestBroker nextHostAfter(TestBroker previous) throws InterruptedException {
    assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();
    TestBroker next = broker.isolatedHost();
    assertThat(node(next)).as("the host handed out next").isSameAs(node(previous));
    return next;
  }

  /** Checks that a plain JMS client with the host's connection factory gets a message through. */
  private static void assertPlainJmsReaches(TestBroker host) throws JMSException {
    host.declareQueue("orders");
    assertThat(
            EmbeddedBrokerTest.sendAndReceive(host.connectionFactory(), "orders", "mine", "t")
                .getText())
        .isEqualTo("mine");
  }

  private static VirtualHostNode<?> node(TestBroker host) {
    return ((VirtualHostBroker) host).node();
  }

  /** The alias on the AMQP port that names the host's node (reading it tells the host nothing). */
  private static PatternMatchingAlias<?> aliasOf(TestBroker host) {
    List<VirtualHostAlias<?>> found =
        aliases(host).stream()
            .filter(
                alias ->
                    alias instanceof FixedVirtualHostNodeAlias<?> fixed
                        && fixed.getVirtualHostNode() == node(host))
            .toList();
    assertThat(found).as("aliases naming the host's node").hasSize(1);
    return (PatternMatchingAlias<?>) found.get(0);
  }

  /** Every alias on the broker's ports. */
  private static List<VirtualHostAlias<?>> aliases(TestBroker host) {
    List<VirtualHostAlias<?>> all = new ArrayList<>();
    Broker<?> model = (Broker<?>) node(host).getParent();
    for (Port<?> port : model.getChildren(Port.class)) {
      for (VirtualHostAlias<?> alias : port.getChildren(VirtualHostAlias.class)) {
        all.add(alias);
      }
    }
    return all;
  }
}
