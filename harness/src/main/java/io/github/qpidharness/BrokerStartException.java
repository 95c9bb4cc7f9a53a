package io.github.qpidharness;

/** Thrown when the embedded broker cannot start; the message says why and what to change. */
public class BrokerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the cause and the fix. */
  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
