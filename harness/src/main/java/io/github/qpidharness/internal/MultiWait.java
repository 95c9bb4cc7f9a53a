package io.github.qpidharness.internal;

import io.github.qpidharness.CollectedMessages;
import io.github.qpidharness.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Waits on several receivers at once: each arrival on any of them wakes the waiter, which reads
 * only the new messages. Used by the assertions over several sources.
 */
public final class MultiWait {
  /** Called once per collected message, in each receiver's arrival order. */
  @FunctionalInterface
  public interface Arrival {
    void accept(int receiverIndex, ReceivedMessage message);
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private long version;

  private MultiWait() {}

  /**
   * Feeds every message the receivers collected, and every later arrival, to {@code onArrival}
   * until {@code done} holds or {@code timeout} passes.
   *
   * @return true if {@code done} held before the timeout, false if not, or if one of the receivers
   *     was closed by its user (it collects nothing more)
   * @throws IllegalStateException at once if a receiver's link ended (its connection dropped, the
   *     broker closed it, its host or broker closed), naming which
   */
  public static boolean await(
      List<? extends CollectedMessages> sources,
      Arrival onArrival,
      BooleanSupplier done,
      Duration timeout) {
    return new MultiWait().run(List.copyOf(sources), onArrival, done, timeout);
  }

  /** The messages of {@code source} from index {@code from} on. */
  private static List<ReceivedMessage> since(CollectedMessages source, int from) {
    if (source instanceof JmsMessageReceiver jms) {
      // Copies only the new messages, where received() would copy them all.
      return jms.since(from);
    }
    List<ReceivedMessage> all = source.received();
    return from >= all.size() ? List.of() : all.subList(from, all.size());
  }

  private boolean run(
      List<CollectedMessages> receivers,
      Arrival onArrival,
      BooleanSupplier done,
      Duration timeout) {
    Runnable signal = this::signal;
    List<CollectedMessages.Registration> registrations = new ArrayList<>();
    receivers.forEach(r -> registrations.add(r.onArrival(signal)));
    try {
      int[] read = new int[receivers.size()];
      long start = System.nanoTime();
      long total = Durations.nanos(timeout);
      while (true) {
        long seen = version();
        for (int i = 0; i < receivers.size(); i++) {
          for (ReceivedMessage message : since(receivers.get(i), read[i])) {
            onArrival.accept(i, message);
            read[i]++;
          }
        }
        if (done.getAsBoolean()) {
          return true;
        }
        for (CollectedMessages receiver : receivers) {
          String why = receiver.interruption();
          if (why != null) {
            throw new IllegalStateException(
                "Stopped waiting for messages on "
                    + receiver.description()
                    + " after "
                    + Describe.since(start)
                    + ": "
                    + why
                    + ". Create the host's fixtures again to go on.");
          }
        }
        if (receivers.stream().anyMatch(CollectedMessages::isClosed)) {
          // A receiver its user closed collects nothing more: waiting longer cannot help.
          return false;
        }
        long remaining = Durations.remaining(start, total);
        if (remaining <= 0) {
          return false;
        }
        awaitChange(seen, remaining);
      }
    } finally {
      registrations.forEach(CollectedMessages.Registration::close);
    }
  }

  private void signal() {
    lock.lock();
    try {
      version++;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private long version() {
    lock.lock();
    try {
      return version;
    } finally {
      lock.unlock();
    }
  }

  private void awaitChange(long seen, long nanos) {
    lock.lock();
    try {
      long remaining = nanos;
      while (version == seen && remaining > 0) {
        remaining = arrived.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for messages", e);
    } finally {
      lock.unlock();
    }
  }
}
