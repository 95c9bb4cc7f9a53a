package io.github.qpidharness;

import java.util.List;

/**
 * A source of collected messages that the assertions over several sources read ({@code fanOut},
 * {@code competeFor}, {@code receivesEachOnce}): a {@link MessageReceiver}, or a {@link
 * MessageJournal}'s view of one destination ({@link MessageJournal#publishedTo(String)}).
 *
 * <p>Implementations must make {@link #received()} grow only, in arrival order, and run every
 * arrival listener after each message is added.
 */
public interface CollectedMessages {

  /** What collects the messages, as failures name it, e.g. {@code queue "orders"}. */
  String description();

  /** A snapshot of every message collected so far, in arrival order. */
  List<ReceivedMessage> received();

  /**
   * Runs {@code listener} after each arrival (on the delivering thread, so it must be quick) until
   * the returned registration is closed.
   */
  Registration onArrival(Runnable listener);

  /**
   * Why the source stopped collecting before its user closed it (its connection dropped, its host
   * closed), or null while it collects.
   */
  default String interruption() {
    return null;
  }

  /** True once the source collects nothing more because its user closed it. */
  boolean isClosed();

  /** Ends an {@link #onArrival} listener; closing twice is harmless. */
  @FunctionalInterface
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
