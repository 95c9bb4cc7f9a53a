package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static io.github.qpidharness.HostIsolationTest.POOL_IDLE_TIMEOUT;
import static io.github.qpidharness.HostIsolationTest.node;
import static io.github.qpidharness.HostIsolationTest.reaches;
import static io.github.qpidharness.HostIsolationTest.virtualHost;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.internal.HostPool;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.server.configuration.updater.Task;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.virtualhost.QueueManagingVirtualHost;
import org.junit.jupiter.api.Test;

/**
 * A host that cannot be reset, a big one, or one used by many subscribers costs the pool nothing
 * beyond itself: later hand-outs stay quick and the heap stays flat.
 */
// These tests make resets hang or fail on purpose; the pool warns as it drops such hosts.
@ExpectedLog({
  "HostPool - Dropping host \\S+: its reset did not finish",
  "JmsConnection - Connection ID:\\S+ has failed due to: Unknown hostname in connection open",
  "JmsConnection - Connection ID:\\S+ has failed due to: Connection closed by external action"
})
class HostPoolRobustnessTest {
  private static final Duration WAIT = HarnessTimeouts.scaled(Duration.ofSeconds(30));

  @Test
  void aHostWhoseResetHangsIsDroppedAndTheNextHandOutDoesNotWaitForIt() throws Exception {
    HostPool.Timing timing =
        new HostPool.Timing(
            HarnessTimeouts.scaled(Duration.ofMillis(200)),
            HarnessTimeouts.scaled(Duration.ofSeconds(2)));
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(1).start(timing)) {
      TestBroker stuck = broker.isolatedHost();
      stuck.declareQueue("orders");
      String stuckName = stuck.name();
      CountDownLatch unblock = new CountDownLatch(1);
      try {
        block(virtualHost(stuck), unblock);
        stuck.close();

        try (TestBroker next = broker.isolatedHost()) {
          assertThat(node(next)).as("the next host").isNotSameAs(node(stuck));
          next.queueSender("orders").send("while the other host is stuck");
          assertThat(next.queueReceiver("orders"))
              .receivesMessageWithText("while the other host is stuck");
        }
        assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT))
            .as("pool idle with the stuck reset abandoned")
            .isTrue();
        assertThat(broker.hostPool().hostsAbandoned()).as("hosts abandoned").isEqualTo(1);
        assertThat(reaches(broker, stuckName)).as("the stuck host by its last name").isFalse();
        try (TestBroker later = broker.isolatedHost()) {
          assertThat(node(later)).isNotSameAs(node(stuck));
          assertThat(reaches(broker, later.name())).isTrue();
        }
      } finally {
        unblock.countDown();
      }
    }
  }

  @Test
  void aHandOutWaitingForThePoolHoldsUpNoOtherCallOnTheBroker() throws Exception {
    // The pool counts on the stuck reset for longer than the hand-out waits at most.
    HostPool.Timing timing = new HostPool.Timing(WAIT, WAIT.multipliedBy(2));
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(1).start(timing)) {
      TestBroker stuck = broker.isolatedHost();
      stuck.declareQueue("orders");
      CountDownLatch unblock = new CountDownLatch(1);
      CompletableFuture<TestBroker> waiting;
      try {
        block(virtualHost(stuck), unblock);
        stuck.close();
        waiting = CompletableFuture.supplyAsync(broker::isolatedHost);
        assertThat(broker.hostPool().awaitCallersWaiting(1, WAIT)).as("hand-out waiting").isTrue();

        try (TestBroker other = broker.createHost("meanwhile")) {
          other.declareQueue("orders");
        }

        assertThat(waiting).as("the hand-out waiting for the pool").isNotDone();
      } finally {
        unblock.countDown();
      }
      try (TestBroker next = waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        assertThat(reaches(broker, next.name())).isTrue();
      }
    }
  }

  @Test
  void aBigHostIsDeletedInsteadOfReset() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(1).start()) {
      TestBroker big = broker.isolatedHost();
      Object bigNode = node(big);
      for (int i = 0; i < 100; i++) {
        big.declareQueue("queue-" + i);
      }
      big.close();
      assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();

      try (TestBroker next = broker.isolatedHost()) {
        assertThat(node(next)).as("the next host").isNotSameAs(bigNode);
        assertThat(next.queueNames()).isEmpty();
      }
    }
  }

  @Test
  void aReusedHostForgetsTheLinksOfItsEarlierUsers() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(1).start()) {
      TestBroker first = broker.isolatedHost();
      int linksAtFirst = links(virtualHost(first));
      Object node = node(first);
      first.close();
      for (int round = 0; round < 20; round++) {
        assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();
        try (TestBroker host = broker.isolatedHost()) {
          assertThat(node(host)).as("host of round %s", round).isSameAs(node);
          assertThat(links(virtualHost(host)))
              .as("links at round %s", round)
              .isEqualTo(linksAtFirst);
          host.topicSubscriber("news");
          host.durableSubscriber("events", "audit-" + round).close();
          host.sharedSubscriber("events", "workers-" + round);
          host.durableSubscriber("events", "open-" + round);
          host.topicSender("news").send("extra");
          host.queueSender("orders-" + round).send("extra");
        }
      }
    }
  }

  /** How many links the host's link registry holds, as Broker-J's own dump lists them. */
  @SuppressWarnings("unchecked")
  private static int links(VirtualHost<?> host) throws ReflectiveOperationException {
    Object dump = ((QueueManagingVirtualHost<?>) host).dumpLinkRegistry();
    int links = 0;
    for (Object container : ((Map<String, Object>) field(dump, "_containers")).values()) {
      links += ((Map<String, Object>) field(container, "_sendingLinks")).size();
      links += ((Map<String, Object>) field(container, "_receivingLinks")).size();
    }
    return links;
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    Field field = target.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }

  /** Occupies the host's configuration thread, where its queues are deleted, until released. */
  private static void block(VirtualHost<?> host, CountDownLatch unblock)
      throws InterruptedException {
    CountDownLatch blocked = new CountDownLatch(1);
    host.getTaskExecutor()
        .submit(
            new Task<Void, RuntimeException>() {
              @Override
              public Void execute() {
                blocked.countDown();
                try {
                  unblock.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return null;
              }

              @Override
              public String getObject() {
                return host.getName();
              }

              @Override
              public String getAction() {
                return "blockForTest";
              }

              @Override
              public String getArguments() {
                return null;
              }
            });
    assertThat(blocked.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("host blocked").isTrue();
  }
}
