package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Python clients (Debian's python3-qpid-proton and python3-pika, which .ci/run installs) reach the
 * embedded broker through the URL, port and host name it hands out.
 */
// With the AMQP 0-8 and 0-10 plugins both on the class path, Broker-J warns on the first conversion
// that two MIME converters share a rank for each body type; harmless, and the same for every user.
@ExpectedLog({
  "MimeContentConverterRegistry - MIME converter for object class \\S+ has two or more implementations"
})
class NonJvmClientsTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path CLIENTS = Path.of("src/test/resources/clients");

  @Test
  void protonSendsOverAmqp10ToAnIsolatedHost() throws Exception {
    requirePythonModule("proton", "python3-qpid-proton");
    try (EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(0).start();
        TestBroker host = broker.createHost("python")) {
      MessageReceiver receiver = host.queueReceiver("orders");

      run("proton_send.py", broker.amqpUrl(), host.name(), "orders", "from proton");

      assertThat(receiver.receive()).hasText("from proton").hasProperty("type", "test");
    }
  }

  @Test
  void pikaSendsOverAmqp091WithCredentials() throws Exception {
    requirePythonModule("pika", "python3-pika");
    try (EmbeddedBroker broker =
            EmbeddedBroker.builder()
                .protocols(Protocol.AMQP_1_0, Protocol.AMQP_0_9_1)
                .credentials("guest", "guest") // pika only speaks SASL PLAIN, not ANONYMOUS
                .hostPoolSize(0)
                .start();
        TestBroker host = broker.createHost("python")) {
      MessageReceiver receiver = host.queueReceiver("orders");

      run(
          "pika_send.py",
          String.valueOf(broker.amqpPort()),
          host.name(),
          "guest",
          "guest",
          "orders",
          "from pika");

      ReceivedMessage message = receiver.receive();
      assertThat(message).hasProperty("type", "test");
      // AMQP 0-9-1 carries no body type: Broker-J hands the bytes over as they were sent.
      assertThat(message.bytes()).isEqualTo("from pika".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void requirePythonModule(String module, String debianPackage) throws Exception {
    assumeTrue(
        Files.isExecutable(PYTHON)
            && exitCode(List.of(PYTHON.toString(), "-c", "import " + module)) == 0,
        () ->
            "needs "
                + PYTHON
                + " with the "
                + module
                + " module: apt-get install "
                + debianPackage
                + " (.ci/run does)");
  }

  private static void run(String script, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(PYTHON.toString(), CLIENTS.resolve(script).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("%s finished within 60 s; output:%n%s", script, output).isTrue();
    assertThat(process.exitValue()).as("%s exit code; output:%n%s", script, output).isZero();
  }

  private static int exitCode(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }
}
