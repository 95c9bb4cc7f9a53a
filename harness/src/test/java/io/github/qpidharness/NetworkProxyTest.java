package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TestBroker#proxy()}: a loopback proxy that cuts, freezes and slows the network. */
@ExpectedLog({
  "JmsConnection - Connection ID:\\S+ has failed due to: .*",
  "AmqpProvider - Caught problem during data processing: tail closed",
})
class NetworkProxyTest {
  private static final long BOUND_SECONDS =
      HarnessTimeouts.scaled(Duration.ofSeconds(30)).toSeconds();

  private EmbeddedBroker broker;
  private TestBroker host;

  @BeforeEach
  void start() {
    broker = EmbeddedBroker.start();
    host = broker.createHost("proxied");
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @Test
  void messagesTravelThroughTheProxyToItsHost() throws Exception {
    try (NetworkProxy proxy = host.proxy();
        Connection connection = proxy.connectionFactory().createConnection()) {
      assertThat(proxy.port()).isNotEqualTo(broker.amqpPort());
      assertThat(proxy.url())
          .startsWith("amqp://127.0.0.1:" + proxy.port() + "?amqp.vhost=proxied&");
      send(connection, "orders", "through the proxy");
      assertThat(host.queueReceiver("orders")).receivesInOrder("through the proxy");
    }
  }

  @Test
  void cutFailsTheConnectionsThroughTheProxyAndAcceptsNewOnes() throws Exception {
    try (NetworkProxy proxy = host.proxy();
        Connection cut = proxy.connectionFactory().createConnection()) {
      CompletableFuture<JMSException> failure = new CompletableFuture<>();
      cut.setExceptionListener(failure::complete);
      cut.start();

      proxy.cut();

      assertThat(failure.get(BOUND_SECONDS, TimeUnit.SECONDS)).isNotNull();
      try (Connection fresh = proxy.connectionFactory().createConnection()) {
        send(fresh, "orders", "after the cut");
      }
      assertThat(host.queueReceiver("orders")).receivesInOrder("after the cut");
    }
  }

  @Test
  void aFrozenProxyIsNoticedThroughTheClientsIdleTimeoutAndAThawedOneForwardsAgain()
      throws Exception {
    Duration idleTimeout = Duration.ofSeconds(2);
    try (NetworkProxy proxy = host.proxy();
        Connection connection = proxy.connectionFactory(idleTimeout).createConnection()) {
      CompletableFuture<JMSException> failure = new CompletableFuture<>();
      connection.setExceptionListener(failure::complete);
      connection.start();

      proxy.freeze();

      // qpid-jms checks for silence once per idle timeout: measured ~2.0 s here for 2 s.
      assertThat(failure.get(BOUND_SECONDS, TimeUnit.SECONDS)).hasMessageContaining("idle-timeout");
      proxy.thaw();
      try (Connection fresh = proxy.connectionFactory().createConnection()) {
        send(fresh, "orders", "after the thaw");
      }
      assertThat(host.queueReceiver("orders")).receivesInOrder("after the thaw");
    }
  }

  @Test
  void bytesHeldByAFreezeArriveInOrderAfterRestore() throws Exception {
    try (NetworkProxy proxy = host.proxy();
        Connection connection = proxy.connectionFactory().createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      host.declareQueue("orders");
      MessageProducer producer = session.createProducer(session.createQueue("orders"));
      MessageReceiver receiver = host.queueReceiver("orders");
      proxy.freeze();
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                try {
                  producer.send(session.createTextMessage("held"));
                } catch (JMSException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(receiver).receivesNothing();
      assertThat(sending).isNotDone();

      proxy.restore();

      sending.get(BOUND_SECONDS, TimeUnit.SECONDS);
      assertThat(receiver).receivesInOrder("held");
    }
  }

  @Test
  void latencyDelaysEveryRoundTrip() throws Exception {
    Duration latency = Duration.ofMillis(150);
    try (NetworkProxy proxy = host.proxy();
        Connection connection = proxy.connectionFactory().createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      host.declareQueue("orders");
      MessageProducer producer = session.createProducer(session.createQueue("orders"));
      proxy.latency(latency);
      long start = System.nanoTime();
      producer.send(session.createTextMessage("slow"));
      long took = System.nanoTime() - start;
      // A synchronous send waits for its disposition: one chunk each way, each delayed.
      assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(latency.multipliedBy(2));
      assertThat(host.queueReceiver("orders")).receivesInOrder("slow");
    }
  }

  @Test
  void closingTheProxyLeavesNoThreadsAndFreesItsPort() throws Exception {
    NetworkProxy proxy = host.proxy();
    int port = proxy.port();
    Connection connection = proxy.connectionFactory().createConnection();
    connection.start();
    assertThat(proxyThreads(port)).isNotEmpty().allMatch(Thread::isDaemon);

    proxy.close();
    proxy.close();

    assertThat(proxyThreads(port)).isEmpty();
    assertThat(refused(port)).as("port %s refuses connections", port).isTrue();
    assertThatThrownBy(proxy::url)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The network proxy on port "
                + port
                + " is closed; ask the host for a new one with proxy().");
    connection.close();
  }

  @Test
  void aProxyClosesWithItsHost() throws Exception {
    TestBroker other = broker.createHost("short-lived");
    NetworkProxy proxy = other.proxy();
    int port = proxy.port();

    other.close();

    assertThat(proxyThreads(port)).isEmpty();
    assertThat(refused(port)).isTrue();
    assertThatThrownBy(proxy::cut).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void badFaultSettingsAreRefusedNamingTheValue() {
    try (NetworkProxy proxy = host.proxy()) {
      assertThatThrownBy(() -> proxy.latency(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Latency PT-0.001S is out of range: use zero up to one hour, e.g. 50 ms.");
      assertThatThrownBy(() -> proxy.connectionFactory(Duration.ofMillis(1999)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Idle timeout PT1.999S is out of range: Broker-J refuses a client idle timeout"
                  + " below 2000 ms; use e.g. Duration.ofSeconds(2).");
    }
  }

  private void send(Connection connection, String queue, String text) throws JMSException {
    host.declareQueue(queue);
    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageProducer producer = session.createProducer(session.createQueue(queue));
    producer.send(session.createTextMessage(text));
    session.close();
  }

  private static java.util.List<Thread> proxyThreads(int port) {
    String prefix = "qpid-harness-proxy-" + port + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
        .toList();
  }

  private static boolean refused(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
