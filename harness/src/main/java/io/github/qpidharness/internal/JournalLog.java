package io.github.qpidharness.internal;

import io.github.qpidharness.CollectedMessages;
import io.github.qpidharness.MessageFate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * The records of one host's journal, in arrival order, with a signal for waits. Not API.
 *
 * <p>Bounded: past {@link #capacity()} records it keeps the first ones and counts the rest, so a
 * test that floods the broker cannot exhaust the heap, and an assertion can say what was left out.
 */
public final class JournalLog {
  /** Records kept per host and hand-out; about 0.5 KB each for small messages. */
  public static final int DEFAULT_CAPACITY = 100_000;

  /** Body bytes kept per host and hand-out, so that large messages cannot exhaust the heap. */
  public static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

  private final int capacity;
  private final long maxBodyBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final List<JournalRecord> records = new ArrayList<>();
  private long dropped;
  private long bodyBytes;
  private volatile boolean recording = true;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private final ToIntFunction<String> consumers;
  private final FateLookup fates;

  /** Message numbers of messages moved to a dead-letter queue, with the queue they left. */
  private final Map<Long, String> deadLettered = new ConcurrentHashMap<>();

  /** Message numbers of routed messages, so a dead-letter move is not taken for a publish. */
  private final Set<Long> routed = ConcurrentHashMap.newKeySet();

  /** Reads, broker-side, what became of a message on a queue. */
  @FunctionalInterface
  public interface FateLookup {
    /** The fate of message {@code number} on {@code queue}, null if it left the queue. */
    MessageFate onQueue(String queue, long number);
  }

  /** A log whose fates are all unknown to the broker: for tests of the log itself. */
  public JournalLog(int capacity, ToIntFunction<String> consumers) {
    this(capacity, consumers, (queue, number) -> MessageFate.QUEUE_DELETED);
  }

  /**
   * @param consumers the consumer count of a queue of the host by name, -1 if there is none
   */
  public JournalLog(int capacity, ToIntFunction<String> consumers, FateLookup fates) {
    this(capacity, MAX_BODY_BYTES, consumers, fates);
  }

  /** A log that keeps at most {@code capacity} records and {@code maxBodyBytes} of bodies. */
  public JournalLog(
      int capacity, long maxBodyBytes, ToIntFunction<String> consumers, FateLookup fates) {
    this.maxBodyBytes = maxBodyBytes;
    this.consumers = consumers;
    this.fates = fates;
    if (capacity <= 0) {
      throw new IllegalArgumentException(
          "Journal capacity must be positive, was " + capacity + "; pass at least 1.");
    }
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }

  public void add(JournalRecord record) {
    if (!recording) {
      return;
    }
    lock.lock();
    try {
      long size = bodySize(record.body());
      if (records.size() < capacity && bodyBytes + size <= maxBodyBytes) {
        records.add(record);
        bodyBytes += size;
      } else {
        dropped++;
      }
      added.signalAll();
    } finally {
      lock.unlock();
    }
    notifyListeners();
  }

  /** Runs {@code listener} after each record added (and each clear) until closed. */
  public CollectedMessages.Registration onArrival(Runnable listener) {
    Runnable unique = listener::run;
    listeners.add(unique);
    return () -> listeners.remove(unique);
  }

  private void notifyListeners() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  private static long bodySize(Object body) {
    if (body instanceof byte[] bytes) {
      return bytes.length;
    }
    if (body instanceof String text) {
      return 2L * text.length();
    }
    // Maps and other bodies: a rough guess, enough for the bound's purpose.
    return body == null ? 0 : 2L * String.valueOf(body).length();
  }

  /** Whether routed messages are recorded; a hand-out turns it back on. */
  public void recording(boolean on) {
    recording = on;
  }

  /** Forgets every record: the host is handed out to a new user. */
  public void clear() {
    lock.lock();
    try {
      records.clear();
      dropped = 0;
      bodyBytes = 0;
      deadLettered.clear();
      routed.clear();
      added.signalAll();
    } finally {
      lock.unlock();
    }
    notifyListeners();
  }

  /** The records so far, in arrival order. */
  public List<JournalRecord> records() {
    lock.lock();
    try {
      return List.copyOf(records);
    } finally {
      lock.unlock();
    }
  }

  /** How many records arrived since the last clear, kept or not. */
  public long total() {
    lock.lock();
    try {
      return records.size() + dropped;
    } finally {
      lock.unlock();
    }
  }

  /**
   * True the first time message {@code number} is routed since the last clear; later routings are a
   * queue moving it on (dead letter, expiry), not a publish.
   */
  boolean firstRouting(long number) {
    return routed.add(number);
  }

  /** Notes that message {@code number} was dead-lettered from a queue to {@code to}. */
  void deadLettered(long number, String to) {
    deadLettered.put(number, to);
  }

  /**
   * What became of {@code record}'s copy on {@code queue}, read now: still there, or if not,
   * dead-lettered, expired or (otherwise) consumed.
   */
  public MessageFate fate(JournalRecord record, String queue) {
    MessageFate there;
    try {
      there = fates.onQueue(queue, record.messageNumber());
    } catch (RuntimeException e) {
      return MessageFate.QUEUE_DELETED;
    }
    if (there != null) {
      return there;
    }
    if (record.expiration() > 0 && record.expiration() <= System.currentTimeMillis()) {
      return MessageFate.EXPIRED;
    }
    String movedTo = deadLettered.get(record.messageNumber());
    if (movedTo != null && !movedTo.equals(queue)) {
      return MessageFate.DEAD_LETTERED;
    }
    return MessageFate.CONSUMED;
  }

  /**
   * The number of consumers on the host's queue {@code name} now, or -1 if there is no such queue.
   */
  public int consumerCount(String name) {
    try {
      return consumers.applyAsInt(name);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** How many records arrived after the log was full, and were not kept. */
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the log holds more than {@code seen} records (or was cleared), or {@code
   * remainingNanos} pass.
   *
   * @return true if the log changed
   */
  public boolean awaitMoreThan(long seen, long remainingNanos) throws InterruptedException {
    lock.lock();
    try {
      long nanos = remainingNanos;
      while (records.size() + dropped == seen) {
        if (nanos <= 0) {
          return false;
        }
        nanos = added.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
