package io.github.qpidharness.internal;

import io.github.qpidharness.Outage;

/**
 * An {@link Outage}: the broker stopped with its port held, started again on {@link #close()}. Not
 * API.
 */
public final class BrokerOutage implements Outage {
  private final BrokerRuntime runtime;
  private final BrokerRuntime.Suspended suspended;
  private final AutoCloseable pausedPool;
  private final Object lifecycle;
  private final Runnable onEnd;
  private final Runnable onFailedStart;
  private boolean ongoing = true;

  /**
   * Stops the broker of {@code runtime} now, holding its port.
   *
   * @param pausedPool the host pool's pause, ended with the outage
   * @param lifecycle the broker's lifecycle lock, held while the broker starts again
   * @param onEnd runs once the outage is over, whether the broker came back or not
   * @param onFailedStart runs if the broker cannot start again, before the exception propagates
   */
  public static BrokerOutage begin(
      BrokerRuntime runtime,
      AutoCloseable pausedPool,
      Object lifecycle,
      Runnable onEnd,
      Runnable onFailedStart) {
    return new BrokerOutage(
        runtime, runtime.suspend(true), pausedPool, lifecycle, onEnd, onFailedStart);
  }

  private BrokerOutage(
      BrokerRuntime runtime,
      BrokerRuntime.Suspended suspended,
      AutoCloseable pausedPool,
      Object lifecycle,
      Runnable onEnd,
      Runnable onFailedStart) {
    this.runtime = runtime;
    this.suspended = suspended;
    this.pausedPool = pausedPool;
    this.lifecycle = lifecycle;
    this.onEnd = onEnd;
    this.onFailedStart = onFailedStart;
  }

  @Override
  public boolean isOngoing() {
    synchronized (lifecycle) {
      return ongoing;
    }
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      if (!ongoing) {
        return;
      }
      ongoing = false;
      try {
        runtime.resume(suspended);
      } catch (RuntimeException e) {
        onFailedStart.run();
        throw e;
      } finally {
        try {
          pausedPool.close();
        } catch (Exception e) {
          // The pool resumes or is closed with the broker; nothing to undo here.
        }
        onEnd.run();
      }
    }
  }

  @Override
  public String toString() {
    return "Outage[port " + runtime.boundPort() + (isOngoing() ? ", ongoing]" : ", over]");
  }
}
