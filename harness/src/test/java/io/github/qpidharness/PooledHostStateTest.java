package io.github.qpidharness;

import static io.github.qpidharness.HostIsolationTest.POOL_IDLE_TIMEOUT;
import static io.github.qpidharness.HostIsolationTest.node;
import static io.github.qpidharness.HostIsolationTest.virtualHost;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.virtualhost.QueueManagingVirtualHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a test changes on its pooled host itself, as Broker-J's management or its in-process model
 * can, never reaches the next user: the next host is one as fresh as a new one.
 */
class PooledHostStateTest {
  private EmbeddedBroker broker;

  @BeforeEach
  void startBroker() {
    broker = EmbeddedBroker.builder().hostPoolSize(1).start();
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  /** A change to a host's own configuration and how a fresh host looks in that respect. */
  record Change(Consumer<VirtualHost<?>> make, Consumer<TestBroker> freshAgain) {}

  static Stream<Named<Change>> changes() {
    return Stream.of(
        Named.of(
            "a context variable of the virtual host",
            new Change(
                host -> host.setAttributes(Map.of("context", Map.of("test.changed", "yes"))),
                next ->
                    assertThat(virtualHost(next).getContext()).doesNotContainKey("test.changed"))),
        Named.of(
            "a context variable of the node",
            new Change(
                host ->
                    host.getParent()
                        .setAttributes(Map.of("context", Map.of("test.changed", "yes"))),
                next ->
                    assertThat(virtualHost(next).getContext()).doesNotContainKey("test.changed"))),
        Named.of(
            "a node auto-creation policy",
            new Change(
                host ->
                    host.setAttributes(
                        Map.of(
                            "nodeAutoCreationPolicies",
                            List.of(
                                Map.of(
                                    "pattern",
                                    "auto.*",
                                    "nodeType",
                                    "Queue",
                                    "createdOnPublish",
                                    true,
                                    "createdOnConsume",
                                    true)))),
                next ->
                    assertThat(
                            ((QueueManagingVirtualHost<?>) virtualHost(next))
                                .getNodeAutoCreationPolicies())
                        .isEmpty())),
        Named.of(
            "the unroutable-message behaviour of amq.direct",
            new Change(
                host ->
                    host.getChildByName(Exchange.class, "amq.direct")
                        .setAttributes(Map.of("unroutableMessageBehaviour", "REJECT")),
                next ->
                    assertThat(
                            virtualHost(next)
                                .getChildByName(Exchange.class, "amq.direct")
                                .getUnroutableMessageBehaviour())
                        .hasToString("DISCARD"))),
        Named.of(
            "a virtual host attribute (storeTransactionIdleTimeoutClose)",
            new Change(
                host -> host.setAttributes(Map.of("storeTransactionIdleTimeoutClose", 60_000L)),
                next ->
                    assertThat(
                            ((QueueManagingVirtualHost<?>) virtualHost(next))
                                .getStoreTransactionIdleTimeoutClose())
                        .isZero())),
        Named.of(
            "queue.defaultAlternateBinding, after which no temporary queue can be made",
            new Change(
                host ->
                    host.setAttributes(
                        Map.of(
                            "context",
                            Map.of(
                                "queue.defaultAlternateBinding",
                                "{\"destination\": \"nowhere\"}"))),
                PooledHostStateTest::temporaryQueueWorks)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aChangeToTheHostItselfDoesNotReachTheNextUser(Change change) throws Exception {
    TestBroker first = broker.isolatedHost();
    // Taken while the host is open: a handle looks its node up by name, and this one goes.
    VirtualHostNode<?> firstNode = node(first);
    change.make().accept(virtualHost(first));
    first.close();
    assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();

    try (TestBroker next = broker.isolatedHost()) {
      change.freshAgain().accept(next);
      assertThat(node(next)).as("the next host").isNotSameAs(firstNode);
    }
  }

  @Test
  void aHostNobodyChangedIsReused() throws Exception {
    TestBroker first = broker.isolatedHost();
    VirtualHostNode<?> firstNode = node(first);
    first.queueSender("orders").send("a message");
    first.durableSubscriber("events", "audit").close();
    temporaryQueueWorks(first);
    first.close();
    assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();

    try (TestBroker next = broker.isolatedHost()) {
      assertThat(node(next)).as("the next host").isSameAs(firstNode);
    }
  }

  private static void temporaryQueueWorks(TestBroker host) {
    try (Connection connection = host.connectionFactory().createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      assertThat(session.createTemporaryQueue().getQueueName()).isNotBlank();
    } catch (Exception e) {
      throw new AssertionError("Cannot create a temporary queue on " + host.name(), e);
    }
  }
}
