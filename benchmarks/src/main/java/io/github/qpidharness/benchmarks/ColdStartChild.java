package io.github.qpidharness.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The program each fresh JVM of the start-up figures runs: start one broker, report the time from
 * JVM start to ready and to a first message received, the memory and threads in use, the stop time,
 * and the threads still alive after stop. Prints one {@code RESULT} line for {@link StartFigures}.
 */
public final class ColdStartChild {
  static final String RESULT = "RESULT ";
  private static final long RECEIVE_TIMEOUT_MS = 30_000;
  private static final long THREAD_EXIT_WAIT_MS = 2_000;

  private ColdStartChild() {}

  public static void main(String[] args) throws Exception {
    BrokerUnderTest.Kind kind = BrokerUnderTest.Kind.valueOf(args[0]);
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    BrokerUnderTest broker = kind.start();
    long readyMillis = System.currentTimeMillis();
    long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();

    System.gc();
    double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    String rssKb = Machine.procField(Path.of("/proc/self/status"), "VmRSS:");
    double rssMb = rssKb == null ? Double.NaN : Long.parseLong(rssKb) * 1024 / 1e6;
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();

    long firstMessageNanos = firstMessage(broker);

    long stopStart = System.nanoTime();
    broker.close();
    long stopNanos = System.nanoTime() - stopStart;

    List<String> left = threadsStillAlive(before);
    System.out.println(
        RESULT
            + String.format(
                Locale.ROOT,
                "start=%d firstMessage=%.1f heap=%.1f rss=%.1f threads=%d stop=%.2f left=%d"
                    + " leftNames=%s",
                readyMillis - jvmStartMillis,
                readyMillis - jvmStartMillis + firstMessageNanos / 1e6,
                heapMb,
                rssMb,
                threads,
                stopNanos / 1e6,
                left.size(),
                String.join(",", left).replace(' ', '_')));
    System.out.flush();
    // Threads a broker failed to stop must not keep this JVM (and so the parent) waiting.
    System.exit(0);
  }

  /** What a first test does: connect, send one message, receive it. Returns the time it took. */
  private static long firstMessage(BrokerUnderTest broker) throws JMSException {
    long start = System.nanoTime();
    try (Connection connection = broker.connectionFactory().createConnection()) {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Queue queue = session.createTemporaryQueue();
      MessageConsumer consumer = session.createConsumer(queue);
      session.createProducer(queue).send(session.createTextMessage("first"));
      Message received = consumer.receive(RECEIVE_TIMEOUT_MS);
      // Closed before the connection deletes its temporary queue, which Broker-J would warn about.
      consumer.close();
      if (received == null) {
        throw new IllegalStateException(
            "The first message did not arrive in " + RECEIVE_TIMEOUT_MS + " ms");
      }
    }
    return System.nanoTime() - start;
  }

  /**
   * Threads started since {@code before} that do not end within a bounded wait, leaving out the
   * JVM's common fork-join pool.
   */
  private static List<String> threadsStillAlive(Set<Thread> before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREAD_EXIT_WAIT_MS);
    List<String> alive = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      // The JVM-wide common pool keeps idle workers for a minute; no broker owns them.
      if (before.contains(thread)
          || thread == Thread.currentThread()
          || thread.getName().startsWith("ForkJoinPool.commonPool-worker")) {
        continue;
      }
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remaining > 0) {
        thread.join(remaining);
      }
      if (thread.isAlive()) {
        alive.add(thread.getName());
      }
    }
    return alive;
  }
}
