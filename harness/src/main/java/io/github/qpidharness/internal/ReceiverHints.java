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
}
