package io.github.qpidharness.junit5;

import io.github.qpidharness.BrokerStartException;
import io.github.qpidharness.EmbeddedBroker;
import java.util.function.Supplier;

/**
 * The one broker of a test run, kept in the root context's store: started on first use, closed with
 * the store when the run ends. A failed start is remembered, so every later test fails fast with
 * the same cause instead of trying (and waiting) again.
 */
final class SharedBroker implements AutoCloseable {
  private final Supplier<EmbeddedBroker> factory;
  private EmbeddedBroker broker;
  private RuntimeException failure;
  private boolean closed;

  SharedBroker(Supplier<EmbeddedBroker> factory) {
    this.factory = factory;
  }

  /**
   * The running broker, started now if needed.
   *
   * @throws BrokerStartException a new one per call, caused by the original start-up failure
   */
  synchronized EmbeddedBroker get() {
    if (closed) {
      throw new IllegalStateException("The test run's broker is already closed.");
    }
    if (broker == null && failure == null) {
      try {
        broker = factory.get();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new BrokerStartException(
          "The embedded Qpid broker for @WithBroker tests could not start: " + failure.getMessage(),
          failure);
    }
    return broker;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (broker != null) {
      broker.close();
    }
  }
}
