package io.github.qpidharness;

/**
 * Thrown when the JMS client fails while a fixture sends, listens or closes; the message names the
 * fixture and what the client reported.
 */
public class MessagingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the fixture, and the client's exception. */
  public MessagingException(String message, Throwable cause) {
    super(message, cause);
  }
}
