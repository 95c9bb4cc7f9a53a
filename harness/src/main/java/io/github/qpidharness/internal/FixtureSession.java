package io.github.qpidharness.internal;

import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * A JMS session of a host's fixture connection, with the anonymous producer (a link with no fixed
 * destination) that every sender on this session sends through. Not API.
 *
 * <p>Senders share the producer rather than attaching a link each: a link attach costs a round trip
 * to the broker and a producer object on its side (~1-2 ms a sender), and the session with its
 * producer outlives the sender, to serve the next fixture and, on a pooled host, the next test. The
 * fixture connection sends synchronously (see {@link #requireSyncSends}), so a message sent through
 * the shared link is on the broker once its send returned, as it was after a sender's own link
 * closed.
 */
public final class FixtureSession {
  private final Session session;
  private MessageProducer anonymous;

  FixtureSession(Session session) {
    this.session = session;
  }

  Session session() {
    return session;
  }

  /** The session's anonymous producer, attached on first use. */
  synchronized MessageProducer producer() throws JMSException {
    if (anonymous == null) {
      anonymous = session.createProducer(null);
    }
    return anonymous;
  }

  /**
   * Forgets the producer after a failed send, closing it quietly: the broker may have detached its
   * link, and a detached producer refuses every later send. The next {@link #producer()} attaches a
   * new one.
   */
  synchronized void discardProducer() {
    if (anonymous != null) {
      try {
        anonymous.close();
      } catch (JMSException | RuntimeException e) {
        // already detached by the broker
      }
      anonymous = null;
    }
  }

  /** True once {@link #producer()} attached the producer. */
  synchronized boolean hasProducer() {
    return anonymous != null;
  }

  /** True if the client closed the session (e.g. with its failed connection). */
  boolean isClosed() {
    return session instanceof org.apache.qpid.jms.JmsSession jms && jms.isClosed();
  }

  /**
   * Closes the session and its producer; errors are ignored, the broker ends both with the host.
   */
  void closeQuietly() {
    try {
      session.close();
    } catch (JMSException | RuntimeException e) {
      // best effort
    }
  }

  /**
   * Makes every send on {@code connection} wait until the broker accepted the message, persistent
   * or not: qpid-jms sends non-persistent messages asynchronously by default, which on a shared
   * link could let a message of one test reach the broker after the next test began.
   */
  public static void requireSyncSends(jakarta.jms.Connection connection) {
    if (connection instanceof org.apache.qpid.jms.JmsConnection jms) {
      jms.setForceSyncSend(true);
    }
  }
}
