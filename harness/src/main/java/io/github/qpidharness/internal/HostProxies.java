package io.github.qpidharness.internal;

import jakarta.jms.ConnectionFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The network proxies of one host, closed with it. Not API. */
final class HostProxies implements AutoCloseable {
  private final Set<TcpProxy> open = ConcurrentHashMap.newKeySet();
  private boolean closed;

  /** Starts a proxy to {@code targetPort}; refused once the host closed. */
  TcpProxy open(
      int targetPort,
      Function<Integer, String> urlForPort,
      Function<String, ConnectionFactory> factories) {
    TcpProxy[] started = new TcpProxy[1];
    TcpProxy proxy =
        TcpProxy.start(targetPort, urlForPort, factories, () -> open.remove(started[0]));
    started[0] = proxy;
    synchronized (this) {
      if (!closed) {
        open.add(proxy);
        return proxy;
      }
    }
    proxy.close();
    throw new IllegalStateException("The host closed while its proxy started.");
  }

  /** Closes every proxy still open. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    for (TcpProxy proxy : List.copyOf(open)) {
      proxy.close();
    }
  }
}
