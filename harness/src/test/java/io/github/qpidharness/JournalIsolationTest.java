package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.internal.VirtualHostBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A journal shows its own host's messages only: not another host's, not a previous user's. */
class JournalIsolationTest {
  private static final Duration POOL_IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static EmbeddedBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.builder().hostPoolSize(1).start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void aRecycledHostsJournalStartsEmpty() throws Exception {
    TestBroker first = broker.isolatedHost();
    first.queueSender("orders").send("left behind");
    first.topicSender("events").send("also left behind");
    assertThat(first.journal().entries()).hasSize(2);
    first.close();

    assertThat(broker.hostPool().awaitIdle(POOL_IDLE_TIMEOUT)).as("pool idle").isTrue();
    try (TestBroker next = broker.isolatedHost()) {
      assertThat(((VirtualHostBroker) next).node())
          .as("the host handed out next")
          .isSameAs(((VirtualHostBroker) first).node());
      assertThat(next.journal().entries()).isEmpty();
      next.queueSender("orders").send("mine");
      assertThat(next.journal().messagesTo("orders"))
          .extracting(ReceivedMessage::text)
          .containsExactly("mine");
    }
  }

  @Test
  void fourParallelTestsOnTheSameNamesEachSeeOnlyTheirOwnHostsMessages() throws Exception {
    int tests = 4;
    CyclicBarrier together = new CyclicBarrier(tests);
    ExecutorService pool = Executors.newFixedThreadPool(tests);
    try {
      List<CompletableFuture<List<String>>> seen = new ArrayList<>();
      for (int t = 0; t < tests; t++) {
        String me = "test " + t;
        seen.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try (TestBroker host = broker.isolatedHost()) {
                    together.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < 5; i++) {
                      host.queueSender("orders").send(me + " order " + i);
                      host.topicSender("events").send(me + " event " + i);
                    }
                    HarnessAssertions.assertThat(host.journal()).hasPublishedExactly(5, "orders");
                    List<String> texts = new ArrayList<>();
                    for (JournalEntry entry : host.journal().entries()) {
                      texts.add(entry.message().text());
                    }
                    return texts;
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool));
      }
      for (int t = 0; t < tests; t++) {
        String me = "test " + t + " ";
        assertThat(seen.get(t).get(60, TimeUnit.SECONDS))
            .hasSize(10)
            .allSatisfy(text -> assertThat(text).startsWith(me));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
