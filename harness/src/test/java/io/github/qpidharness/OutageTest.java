package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link EmbeddedBroker#outage()}: down, refusing connections, and back on the same port. */
@ExpectedLog({
  "JmsConnection - Connection ID:\\S+ has failed due to: .*",
  "DerbyConfigurationStore - .*"
})
class OutageTest {
  private static final long BOUND_SECONDS =
      HarnessTimeouts.scaled(Duration.ofSeconds(30)).toSeconds();

  @Test
  void anOutageCutsConnectionsRefusesNewOnesAndComesBackOnTheSamePortWithDurableMessages()
      throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.DERBY).start();
        TestBroker host = broker.createHost("orders-host")) {
      int port = broker.amqpPort();
      host.queueSender("orders").send("kept on disk");
      Connection open = host.connectionFactory().createConnection();
      CompletableFuture<JMSException> cut = new CompletableFuture<>();
      open.setExceptionListener(cut::complete);
      open.start();

      Outage outage = broker.outage();

      assertThat(cut.get(BOUND_SECONDS, TimeUnit.SECONDS)).isNotNull();
      assertThat(refused(port)).as("port %s refuses connections in the outage", port).isTrue();
      assertThat(outage.isOngoing()).isTrue();

      outage.close();
      outage.close();

      assertThat(outage.isOngoing()).isFalse();
      assertThat(broker.amqpPort()).isEqualTo(port);
      assertThat(host.queueReceiver("orders")).receivesInOrder("kept on disk");
      open.close();
    }
  }

  @Test
  void duringAnOutageTheBrokerHandsOutNoHostsAndCannotRestartOrGoDownAgain() {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        Outage outage = broker.outage()) {
      String message = "The broker is down for an outage; close the Outage from outage() first.";
      assertThatThrownBy(broker::isolatedHost)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
      assertThatThrownBy(() -> broker.createHost("late"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
      assertThatThrownBy(broker::restart)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
      assertThatThrownBy(broker::outage)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
    }
  }

  @Test
  void fixturesFromBeforeAnOutageFailSayingSo() {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestBroker host = broker.createHost("fixtures")) {
      MessageSender sender = host.queueSender("q");
      broker.outage().close();

      assertThatThrownBy(() -> sender.send("after"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "The sender for queue \"q\" was created before an outage of the broker and does not"
                  + " reconnect; create a new one with the host.");
      host.queueSender("q").send("new sender");
      assertThat(host.queueReceiver("q")).receivesInOrder("new sender");
    }
  }

  @Test
  void closingTheBrokerDuringAnOutageLeavesNoThreadsAndFreesThePort() throws Exception {
    BrokerLifecycleTest.bootDerbyEngine();
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.DERBY).start();
    int port = broker.amqpPort();
    broker.createHost("left-open");
    Outage outage = broker.outage();

    broker.close();

    assertThat(outage.isOngoing()).isFalse();
    assertThat(refused(port)).isTrue();
    assertThat(portFree(port)).as("port %s is free again", port).isTrue();
    assertThat(BrokerLifecycleTest.threadsStartedSince(before, "globalEventExecutor")).isEmpty();
  }

  private static boolean refused(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static boolean portFree(int port) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
