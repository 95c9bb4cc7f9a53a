package io.github.qpidharness;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Collects the messages of one queue or topic subscription of a {@link TestBroker}, from the moment
 * it exists, for {@link #receive} and for {@link HarnessAssertions}.
 *
 * <p>A listener takes every message as it arrives (acknowledging it) and keeps an immutable {@link
 * ReceivedMessage} in arrival order. {@link #receive} hands out collected messages in that order,
 * each once; {@link #received()} shows everything ever collected, handed out or not. Waits end as
 * soon as a message arrives: nothing polls. A message that does not arrive in time is an {@link
 * AssertionError} naming the destination, the time waited and what did arrive.
 *
 * <p>Closing twice is harmless; the host closes its receivers when it closes. Messages collected
 * before closing stay readable.
 */
public interface MessageReceiver extends CollectedMessages, AutoCloseable {

  /** Where this receiver listens: queue or topic, subscription and selector. */
  Endpoint endpoint();

  /** The receiver's {@link #endpoint()}, as failures name it. */
  @Override
  default String description() {
    return endpoint().toString();
  }

  /**
   * The next message not yet handed out, waiting up to {@link
   * HarnessTimeouts#defaultReceiveTimeout()}.
   */
  default ReceivedMessage receive() {
    return receive(HarnessTimeouts.defaultReceiveTimeout());
  }

  /**
   * The next message not yet handed out, waiting up to {@code timeout}.
   *
   * @throws AssertionError if none arrives in time
   * @throws IllegalStateException if the receiver is closed and nothing is left to hand out, or at
   *     once when its link ends while it waits (the connection dropped, the broker closed the link,
   *     the host or broker closed), saying which
   */
  ReceivedMessage receive(Duration timeout);

  /**
   * The next {@code count} messages, waiting up to {@link HarnessTimeouts#defaultReceiveTimeout()}.
   */
  default List<ReceivedMessage> receive(int count) {
    return receive(count, HarnessTimeouts.defaultReceiveTimeout());
  }

  /**
   * The next {@code count} messages, waiting up to {@code timeout} for all of them. On a timeout
   * none of them is handed out, so a later call sees them again.
   *
   * @throws AssertionError if fewer arrive in time
   * @throws IllegalStateException as {@link #receive(Duration)} does
   */
  List<ReceivedMessage> receive(int count, Duration timeout);

  /** A snapshot of every message collected so far, in arrival order, including those handed out. */
  List<ReceivedMessage> received();

  /**
   * Waits until {@code condition} holds for the messages collected so far, or {@code timeout}
   * passes, and returns a snapshot of the messages at that moment (check the condition again to
   * know which happened).
   *
   * <p>The condition is tested once at once and again on each arrival, while the receiver holds its
   * lock: keep it quick. The list it sees only ever grows, so a condition may remember how far it
   * has read.
   *
   * <p>A timeout too long for a {@code long} of nanoseconds (~292 years) waits that long; every
   * wait of the harness saturates so.
   *
   * @throws IllegalStateException at once if the receiver's link ends before the condition holds
   *     (the connection dropped, the broker closed the link, the host or broker closed), saying
   *     which; a receiver its user closed returns what it has
   */
  List<ReceivedMessage> awaitReceived(
      Predicate<? super List<ReceivedMessage>> condition, Duration timeout);

  /** True once {@link #close()} was called, by the user or by the host closing. */
  boolean isClosed();

  /** Stops listening and closes the receiver's session. Idempotent. */
  @Override
  void close();
}
