package io.github.qpidharness.internal;

import io.github.qpidharness.HarnessTimeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.qpid.server.model.Connection;
import org.apache.qpid.server.model.VirtualHost;

/** Closes a virtual host's client connections as an operator would. Not API. */
final class ConnectionDrops {
  private ConnectionDrops() {}

  /**
   * Deletes every connection of {@code host} in Broker-J's model (the client hears "Connection
   * closed by external action") and waits, bounded by the client close timeout, until the broker
   * has closed them all.
   *
   * @return how many connections were dropped
   * @throws IllegalStateException if they do not close within the timeout
   */
  static int dropAll(BrokerRuntime runtime, VirtualHost<?> host, String hostName) {
    List<CompletableFuture<Void>> closing =
        runtime.asSystem(
            "dropConnections",
            () -> {
              List<CompletableFuture<Void>> futures = new ArrayList<>();
              for (Connection<?> c : List.copyOf(host.getConnections())) {
                futures.add(c.deleteAsync());
              }
              return futures;
            });
    if (closing.isEmpty()) {
      return 0;
    }
    long timeout = HarnessTimeouts.clientCloseTimeout().toMillis();
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .get(timeout, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while dropping the connections of host \"" + hostName + "\"", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "The "
              + closing.size()
              + " client connections of host \""
              + hostName
              + "\" did not close within "
              + timeout
              + " ms (raise "
              + HarnessTimeouts.SCALE_PROPERTY
              + " on a slow machine): "
              + e,
          e);
    }
    return closing.size();
  }
}
