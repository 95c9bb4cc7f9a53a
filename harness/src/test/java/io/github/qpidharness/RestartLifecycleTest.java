package io.github.qpidharness;

import static io.github.qpidharness.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A broker restarted again and again stays on its port and leaks nothing. */
class RestartLifecycleTest {
  /** A hang guard, not a performance check (that is the benchmarks' job). */
  private static final Duration RESTART_BOUND = HarnessTimeouts.scaled(Duration.ofSeconds(30));

  /** Threads and descriptors that come and go (idle pool workers, a closing socket). */
  private static final int SLACK = 4;

  @Test
  void twentyRestartsKeepThePortAndLeakNoThreadsAndNoFileDescriptors() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.builder().store(Store.DERBY).start();
        TestBroker host = broker.createHost("restarted")) {
      host.declareQueue("kept");
      host.queueSender("kept").send("survivor");
      int port = broker.amqpPort();
      int threadsAfterWarmUp = 0;
      long descriptorsAfterWarmUp = 0;
      for (int restart = 1; restart <= 20; restart++) {
        long start = System.nanoTime();
        broker.restart();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("restart %d", restart).isLessThan(RESTART_BOUND);
        assertThat(broker.amqpPort()).as("port after restart %d", restart).isEqualTo(port);
        assertThat(host.queueStats("kept").depth()).as("after restart %d", restart).isEqualTo(1);
        if (restart == 2) {
          threadsAfterWarmUp = liveThreads();
          descriptorsAfterWarmUp = openFileDescriptors();
        }
      }
      assertThat(liveThreads()).as("live threads").isLessThanOrEqualTo(threadsAfterWarmUp + SLACK);
      assertThat(openFileDescriptors())
          .as("open file descriptors")
          .isLessThanOrEqualTo(descriptorsAfterWarmUp + SLACK);
      assertThat(host.queueReceiver("kept").receive()).hasText("survivor");
    }
  }

  private static int liveThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
  }

  private static long openFileDescriptors() throws IOException {
    try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
      return descriptors.count();
    }
  }
}
