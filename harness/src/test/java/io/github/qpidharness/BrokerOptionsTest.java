package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

// Start failures and refused logins are provoked on purpose; Broker-J and qpid-jms log them.
@ExpectedLog({
  "Failed to open object with name 'AMQP'",
  "Broker child object 'AMQP' of type '\\w+' is ERRORED",
  "JmsConnection - Failed to connect to remote",
  // A failed start's shutdown may race a configuration task still queued.
  "TaskExecutorImpl - Task executor Broker-Config is not in ACTIVE state"
})
class BrokerOptionsTest {
  private static final byte[] AMQP_1_0_SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
  private static final byte[] AMQP_0_9_1_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
  private static final byte[] AMQP_0_10_HEADER = {'A', 'M', 'Q', 'P', 1, 1, 0, 10};

  @Test
  void listensOnLoopbackOnlyByDefault() throws IOException {
    assumeThat(Path.of("/proc/net/tcp")).as("needs Linux /proc/net/tcp").exists();
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(0).start()) {
      assertThat(listeningAddresses(broker.amqpPort())).containsExactly("127.0.0.1");
    }
  }

  @Test
  void listensOnEveryInterfaceWhenAskedTo() throws IOException {
    assumeThat(Path.of("/proc/net/tcp")).as("needs Linux /proc/net/tcp").exists();
    try (EmbeddedBroker broker =
        EmbeddedBroker.builder().bindingAddress("*").hostPoolSize(0).start()) {
      assertThat(listeningAddresses(broker.amqpPort())).doesNotContain("127.0.0.1").isNotEmpty();
    }
  }

  @Test
  void fixedPortIsUsed() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }
    try (EmbeddedBroker broker = EmbeddedBroker.builder().port(free).hostPoolSize(0).start()) {
      assertThat(broker.amqpPort()).isEqualTo(free);
      assertThat(broker.amqpUrl()).isEqualTo("amqp://127.0.0.1:" + free);
    }
  }

  @Test
  void portInUseNamesThePortAndSuggestsPortZero() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedBroker.builder().port(port).start())
          .isInstanceOf(BrokerStartException.class)
          .hasMessage(
              "Cannot start the broker: port "
                  + port
                  + " on 127.0.0.1 is already in use. Use port 0 (the default) to let the system"
                  + " pick a free port, and read the real one from amqpPort().");
    }
  }

  @Test
  void startFailureCarriesTheRealCause() {
    // 192.0.2.1 is reserved for documentation (RFC 5737): no machine owns it, so binding fails.
    assertThatThrownBy(() -> EmbeddedBroker.builder().bindingAddress("192.0.2.1").start())
        .isInstanceOf(BrokerStartException.class)
        .hasMessageStartingWith(
            "Broker-J failed to start on 192.0.2.1:0 with protocols [AMQP_1_0]: ")
        .hasMessageContaining("the AMQP port did not open: binding 192.0.2.1:0 fails with")
        .hasMessageContaining("java.net.BindException")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void failedStartLeavesNoWorkDirectory() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = harnessDirectories(tmp);
    assertThatThrownBy(() -> EmbeddedBroker.builder().bindingAddress("192.0.2.1").start())
        .isInstanceOf(BrokerStartException.class);
    assertThat(harnessDirectories(tmp)).isSubsetOf(before);
  }

  @Test
  void badOptionsAreRejectedBeforeStart() {
    assertThatThrownBy(() -> EmbeddedBroker.builder().port(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Port must be between 0 and 65535 but was -1; use 0 for a free ephemeral port.");
    assertThatThrownBy(() -> EmbeddedBroker.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
    assertThatThrownBy(() -> EmbeddedBroker.builder().protocols())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The protocol list must not be empty; name at least Protocol.AMQP_1_0.");
    assertThatThrownBy(() -> EmbeddedBroker.builder().bindingAddress(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Binding address must not be blank but was \" \"; use \"127.0.0.1\" (the default) or"
                + " \"*\" for every interface.");
    assertThatThrownBy(() -> EmbeddedBroker.builder().credentials("", "secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Username must not be blank but was \"\".");
    assertThatThrownBy(() -> EmbeddedBroker.builder().hostPoolSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Host pool size must be between 0 and 64 but was -1.");
  }

  @Test
  void extraProtocolsAcceptTheirHandshakes() throws IOException {
    try (EmbeddedBroker broker =
        EmbeddedBroker.builder()
            .protocols(Protocol.AMQP_1_0, Protocol.AMQP_0_9_1, Protocol.AMQP_0_10)
            .hostPoolSize(0)
            .start()) {
      // AMQP 0-9-1: the server answers the header with a Connection.Start method frame (type 1).
      assertThat(handshake(broker.amqpPort(), AMQP_0_9_1_HEADER)[0]).isEqualTo((byte) 1);
      // AMQP 0-10: the server echoes the 0-10 header, then starts the connection.
      assertThat(Arrays.copyOf(handshake(broker.amqpPort(), AMQP_0_10_HEADER), 8))
          .isEqualTo(AMQP_0_10_HEADER);
      // AMQP 1.0 still works: the SASL layer header is echoed.
      assertThat(handshake(broker.amqpPort(), AMQP_1_0_SASL_HEADER))
          .isEqualTo(AMQP_1_0_SASL_HEADER);
    }
  }

  @Test
  void onlyAmqp10IsAcceptedByDefault() throws IOException {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(0).start()) {
      // A server that does not speak the client's version answers with the header it prefers:
      // AMQP 1.0 behind its SASL layer.
      assertThat(handshake(broker.amqpPort(), AMQP_0_9_1_HEADER)).isEqualTo(AMQP_1_0_SASL_HEADER);
    }
  }

  @Test
  void credentialsAreRequiredWhenConfigured() throws Exception {
    try (EmbeddedBroker broker =
            EmbeddedBroker.builder().credentials("app", "s3cret").hostPoolSize(0).start();
        TestBroker host = broker.createHost("secured")) {
      host.declareQueue("q");
      assertThat(
              EmbeddedBrokerTest.sendAndReceive(host.connectionFactory(), "q", "in", "t").getText())
          .isEqualTo("in");

      JmsConnectionFactory wrong = new JmsConnectionFactory(host.url());
      wrong.setUsername("app");
      wrong.setPassword("wrong");
      assertThatThrownBy(
              () -> {
                try (Connection connection = wrong.createConnection()) {
                  connection.start();
                }
              })
          .isInstanceOf(JMSSecurityException.class);
    }
  }

  private static byte[] handshake(int port, byte[] header) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(header);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(8);
      assertThat(reply).as("reply to %s", Arrays.toString(header)).hasSize(8);
      return reply;
    }
  }

  /** Local addresses of sockets listening on {@code port}, read from the kernel's tables. */
  private static List<String> listeningAddresses(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    List<String> addresses = new java.util.ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
        String[] fields = line.trim().split("\\s+");
        // fields[1] = local address:port in hex, fields[3] = state; 0A = LISTEN
        if (fields.length > 3 && fields[3].equals("0A") && fields[1].endsWith(":" + hexPort)) {
          addresses.add(decode(fields[1].substring(0, fields[1].indexOf(':'))));
        }
      }
    }
    return addresses;
  }

  private static String decode(String hex) {
    if (hex.length() == 8) {
      long value = Long.parseLong(hex, 16);
      return (value & 0xFF)
          + "."
          + ((value >> 8) & 0xFF)
          + "."
          + ((value >> 16) & 0xFF)
          + "."
          + ((value >> 24) & 0xFF);
    }
    if (hex.startsWith("0000000000000000FFFF0000")) {
      return decode(hex.substring(24)); // an IPv4-mapped IPv6 address
    }
    return hex.chars().allMatch(c -> c == '0') ? "::" : "ipv6:" + hex;
  }

  private static List<Path> harnessDirectories(Path tmp) throws IOException {
    try (var files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("qpid-harness-")).toList();
    }
  }
}
