package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BrokerLifecycleTest {
  private static final Duration THREAD_EXIT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Netty's JVM-wide helper thread (used by the qpid-jms client) ends by itself one second after
   * its last task; waiting for it in every cycle would add 20 s, so only the final check does.
   */
  private static final String NETTY_GLOBAL_EXECUTOR = "globalEventExecutor";

  @Test
  void twentyStartStopCyclesLeaveNoThreadsAndNoWorkDirectory() throws Exception {
    bootDerbyEngine();
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    for (int cycle = 1; cycle <= 20; cycle++) {
      Path workDirectory;
      try (EmbeddedBroker broker = EmbeddedBroker.start();
          TestBroker host = broker.isolatedHost()) {
        workDirectory = broker.workDirectory();
        host.declareQueue("cycle");
        assertThat(
                EmbeddedBrokerTest.sendAndReceive(
                        host.connectionFactory(), "cycle", "c" + cycle, "t")
                    .getText())
            .isEqualTo("c" + cycle);
      }
      assertThat(Files.exists(workDirectory)).as("work directory after cycle %d", cycle).isFalse();
      assertThat(threadsStartedSince(before, NETTY_GLOBAL_EXECUTOR))
          .as("threads left after cycle %d", cycle)
          .isEmpty();
    }
    assertThat(threadsStartedSince(before, "")).as("threads left after all cycles").isEmpty();
  }

  /**
   * With Derby on the class path (this module's tests have it) any broker's start boots the Derby
   * engine, whose timer thread lives as long as the JVM, like the JDK's common pool: boot it before
   * counting threads (a harness start, which also sends Derby's log where it belongs).
   */
  static void bootDerbyEngine() {
    EmbeddedBroker.builder().store(Store.DERBY).hostPoolSize(0).start().close();
  }

  /**
   * Names of live threads that did not exist before, after joining each of them for a bounded time
   * (a join returns as soon as the thread ends). Threads named with {@code ignoredPrefix} are
   * skipped unless it is empty.
   */
  static List<String> threadsStartedSince(Set<Thread> before, String ignoredPrefix)
      throws InterruptedException {
    long deadline = System.nanoTime() + THREAD_EXIT_TIMEOUT.toNanos();
    List<String> alive = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (before.contains(thread)
          || isJvmThread(thread)
          || (!ignoredPrefix.isEmpty() && thread.getName().startsWith(ignoredPrefix))) {
        continue;
      }
      long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      thread.join(remainingMillis);
      if (thread.isAlive()) {
        alive.add(thread.getName());
      }
    }
    return alive.stream().sorted().collect(Collectors.toList());
  }

  private static boolean isJvmThread(Thread thread) {
    // Shared JVM pools that outlive any one library by design.
    String name = thread.getName();
    return name.startsWith("ForkJoinPool.commonPool") || name.equals("Attach Listener");
  }
}
