package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's work directory: kept, locked while used, and found again by the next broker. */
class WorkDirectoryTest {
  private static final Duration CHILD_TIMEOUT = HarnessTimeouts.scaled(Duration.ofSeconds(60));

  @TempDir Path temp;

  @Test
  void aDerbyBrokersWorkDirectorySurvivesCloseAndTheNextBrokerFindsItsQueuesAndMessages() {
    Path directory = temp.resolve("broker-state");
    writeState(directory);

    assertThat(directory).isDirectory();
    try (EmbeddedBroker broker =
            EmbeddedBroker.builder().store(Store.DERBY).workDirectory(directory).start();
        TestBroker host = broker.host("orders-host")) {
      assertThat(host.queueNames()).contains("orders");
      assertThat(host.queueReceiver("orders").receive(2, Duration.ofSeconds(10)))
          .extracting(ReceivedMessage::text)
          .containsExactly("one", "two");
    }
  }

  @Test
  void aFreshJvmFindsTheDurableQueuesAndPersistentMessagesOfAWorkDirectory() throws Exception {
    Path directory = temp.resolve("shared-state");
    writeState(directory);

    List<String> output = runChild("read", directory.toString());

    assertThat(output).containsExactly("orders: one,two");
  }

  @Test
  void aWorkDirectoryInUseByAnotherBrokerIsRefusedWithItsName() {
    Path directory = temp.resolve("busy");
    try (EmbeddedBroker first =
        EmbeddedBroker.builder().store(Store.DERBY).workDirectory(directory).start()) {
      assertThatThrownBy(
              () -> EmbeddedBroker.builder().store(Store.DERBY).workDirectory(directory).start())
          .isInstanceOf(BrokerStartException.class)
          .hasMessage(
              "Cannot use work directory "
                  + directory
                  + ": it is locked (another broker in this JVM uses it). Close that broker"
                  + " first, or give this one another work directory.");
      assertThat(first.isClosed()).isFalse();
    }
    // Released on close: a new broker may use it.
    EmbeddedBroker.builder().store(Store.DERBY).workDirectory(directory).start().close();
  }

  @Test
  void aWorkDirectoryInUseByABrokerOfAnotherJvmIsRefusedWithItsNameAndTheProcess()
      throws Exception {
    Path directory = temp.resolve("busy-elsewhere");
    Process child = startChild("hold", directory.toString());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo(directory.toString());

      assertThatThrownBy(
              () -> EmbeddedBroker.builder().store(Store.DERBY).workDirectory(directory).start())
          .isInstanceOf(BrokerStartException.class)
          .hasMessage(
              "Cannot use work directory "
                  + directory
                  + ": it is locked (a broker in another process uses it, process "
                  + child.pid()
                  + "). Close that broker first, or give this one another work directory.");
    } finally {
      child.destroyForcibly();
      child.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void aWorkDirectoryThatCannotBeCreatedIsRefusedWithItsNameAndTheReason() throws IOException {
    Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
    Path directory = file.resolve("state");

    assertThatThrownBy(
            () -> EmbeddedBroker.builder().store(Store.DERBY).workDirectory(directory).start())
        .isInstanceOf(BrokerStartException.class)
        .hasMessageStartingWith("Cannot create the broker's work directory " + directory + ": ");
  }

  @Test
  void aWorkDirectoryThatIsNotWritableIsRefusedWithItsName() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may write to any directory");
    Path directory = Files.createDirectory(temp.resolve("read-only"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-x------"));

    assertThatThrownBy(
            () -> EmbeddedBroker.builder().store(Store.DERBY).workDirectory(directory).start())
        .isInstanceOf(BrokerStartException.class)
        .hasMessage(
            "Cannot use work directory " + directory + ": it is not writable by this process.");
  }

  @Test
  void theConfigurationWithThePasswordIsNotLeftOnDiskAndTheDirectoryIsTheOwnersOnly()
      throws IOException {
    try (EmbeddedBroker broker =
        EmbeddedBroker.builder().credentials("user", "s3cret-password").start()) {
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(broker.workDirectory())))
          .isEqualTo("rwx------");
      try (Stream<Path> files = Files.walk(broker.workDirectory())) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
              .as("content of %s", file)
              .doesNotContain("s3cret-password");
        }
      }
    }
  }

  @Test
  void aTemporaryWorkDirectoryIsDeletedWhenTheJvmIsTerminated() throws Exception {
    Process child = startChild("hold");
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      Path directory = Path.of(lines.readLine());
      assertThat(directory).isDirectory();

      child.destroy();

      assertThat(child.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .as("child ended within %s", CHILD_TIMEOUT)
          .isTrue();
      assertThat(directory).doesNotExist();
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aKilledJvmsTemporaryWorkDirectoryIsDeletedByTheNextBroker() throws Exception {
    Process child = startChild("hold");
    Path directory;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      directory = Path.of(lines.readLine());
      child.destroyForcibly();
      assertThat(child.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
    assertThat(directory).isDirectory();

    EmbeddedBroker.builder().hostPoolSize(0).start().close();

    assertThat(directory).doesNotExist();
  }

  /** A first broker: a host with a declared queue and two persistent messages, then close. */
  static void writeState(Path directory) {
    try (EmbeddedBroker broker =
        EmbeddedBroker.builder().store(Store.DERBY).workDirectory(directory).start()) {
      TestBroker host = broker.createHost("orders-host");
      host.declareQueue("orders");
      MessageSender sender = host.queueSender("orders");
      sender.send("one");
      sender.send("two");
    }
  }

  private static List<String> runChild(String... args) throws Exception {
    Process child = startChild(args);
    List<String> output = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.add(line);
      }
      assertThat(child.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .as("child ended within %s", CHILD_TIMEOUT)
          .isTrue();
      assertThat(child.exitValue()).as("child exit code, output %s", output).isZero();
    } finally {
      child.destroyForcibly();
    }
    return output;
  }

  private static Process startChild(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildBroker.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }
}
