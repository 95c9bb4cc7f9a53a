package io.github.qpidharness.junit5;

import io.github.qpidharness.BrokerStartException;
import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.HarnessTimeouts;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The one broker of a launcher session, kept in the session's store: started in the background by
 * {@link EagerBrokerStart} while JUnit discovers tests, or by the first test that needs it, and
 * closed with the store when the session ends. A failed start is remembered, so every later test
 * fails fast with the same cause instead of trying (and waiting) again.
 */
final class SharedBroker implements AutoCloseable {
  /** Far above a real start (1-2 s), so only a hung start ends up here. */
  private static final Duration START_TIMEOUT = HarnessTimeouts.scaled(Duration.ofMinutes(2));

  private final Supplier<EmbeddedBroker> factory;
  private final CompletableFuture<EmbeddedBroker> started = new CompletableFuture<>();
  private boolean starting;
  private boolean closed;

  SharedBroker(Supplier<EmbeddedBroker> factory) {
    this.factory = factory;
  }

  /**
   * A broker made as the configuration parameter {@link WithBroker#BROKER_FACTORY_PARAMETER} says.
   */
  static SharedBroker fromConfiguration(Function<String, Optional<String>> parameters) {
    return new SharedBroker(brokerFactory(parameters.apply(WithBroker.BROKER_FACTORY_PARAMETER)));
  }

  /** Starts the broker on a new thread unless it is started (or starting) already. */
  void startInBackground() {
    synchronized (this) {
      if (starting || closed) {
        return;
      }
      starting = true;
    }
    Thread starter = new Thread(this::start, "qpid-harness-broker-start");
    // A user's broker factory is loaded through the context class loader, as on the test thread.
    starter.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    starter.start();
  }

  /** Whether a start has begun, in the background or for a test. */
  synchronized boolean isStarting() {
    return starting;
  }

  /**
   * The running broker, started now if nobody started it yet, or waited for if it is starting.
   *
   * @throws BrokerStartException a new one per call, caused by the original start-up failure
   */
  EmbeddedBroker get() {
    boolean startHere;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The test run's broker is already closed.");
      }
      startHere = !starting;
      starting = true;
    }
    if (startHere) {
      start();
    }
    try {
      return started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new BrokerStartException(
          "The embedded Qpid broker for @WithBroker tests could not start: "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new BrokerStartException(
          "The embedded Qpid broker for @WithBroker tests did not start within "
              + START_TIMEOUT.toSeconds()
              + " s; slow machines can scale timeouts with "
              + HarnessTimeouts.SCALE_PROPERTY
              + ".",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException(
          "Interrupted while waiting for the embedded Qpid broker to start.", e);
    }
  }

  private void start() {
    try {
      started.complete(factory.get());
    } catch (Throwable e) {
      started.completeExceptionally(e);
    }
  }

  /**
   * Closes the broker. A start still under way (the session ends before any test needed the broker,
   * e.g. a discovery-only session) is not waited for: the broker closes as soon as it is up.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    started.thenAccept(EmbeddedBroker::close);
  }

  private static Supplier<EmbeddedBroker> brokerFactory(Optional<String> className) {
    if (className.isEmpty()) {
      return () -> EmbeddedBroker.builder().hostPoolSize(4).start();
    }
    return () -> {
      Object factory;
      try {
        factory =
            ReflectionSupport.newInstance(ReflectionSupport.tryToLoadClass(className.get()).get());
      } catch (Exception e) {
        throw new ExtensionConfigurationException(
            "Configuration parameter "
                + WithBroker.BROKER_FACTORY_PARAMETER
                + "="
                + className.get()
                + " must name a class with a public no-argument constructor: "
                + e,
            e);
      }
      if (!(factory instanceof Supplier<?> supplier)) {
        throw new ExtensionConfigurationException(
            className.get()
                + " (from "
                + WithBroker.BROKER_FACTORY_PARAMETER
                + ") must implement Supplier<EmbeddedBroker>.");
      }
      return (EmbeddedBroker) supplier.get();
    };
  }
}
