package io.github.qpidharness.internal;

import io.github.qpidharness.MessageReceiver;

/** The journal's near-miss hint for a receiver's failure. Not API. */
public final class ReceiverHints {
  private ReceiverHints() {}

  /**
   * {@code (nothing arrived on queue "order", but 1 message was published to queue "orders" on this
   * host, ...)}, or null for a receiver without a host journal or with nothing closer.
   */
  public static String nearMiss(MessageReceiver receiver) {
    return receiver instanceof JmsMessageReceiver jms ? jms.nearMiss() : null;
  }

  /**
   * Waits until {@code receiver}'s host settles (see {@code TestBroker.awaitSettled}).
   *
   * @throws IllegalArgumentException if the receiver is not one of the harness's
   */
  public static void awaitHostSettled(MessageReceiver receiver, java.time.Duration timeout) {
    if (!(receiver instanceof JmsMessageReceiver jms)) {
      throw new IllegalArgumentException(
          "untilSettled() needs a receiver the harness created (a TestBroker's or an injected"
              + " one), to know its host; "
              + receiver
              + " is not: use withQuietPeriod(...) instead.");
    }
    jms.awaitHostSettled(timeout);
  }
}
