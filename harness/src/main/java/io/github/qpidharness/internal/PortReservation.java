package io.github.qpidharness.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Holds a TCP port while the broker is down, so that nothing else takes it before the broker comes
 * back: a socket bound to the port but neither listening nor connected, so that the kernel refuses
 * every connection to it (a listening socket would accept them into its backlog, and clients would
 * hang instead of failing over). Not API.
 */
final class PortReservation implements AutoCloseable {
  private final Socket socket;

  private PortReservation(Socket socket) {
    this.socket = socket;
  }

  /**
   * Reserves {@code port} on {@code address}; if something else took it already, returns a
   * reservation that holds nothing (the broker's own start then reports the port as taken).
   */
  static PortReservation hold(String address, int port) {
    Socket socket = new Socket();
    try {
      socket.setReuseAddress(false);
      socket.bind(
          address.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
    } catch (IOException e) {
      closeQuietly(socket);
      return new PortReservation(null);
    }
    return new PortReservation(socket);
  }

  /** True if the port is held. */
  boolean held() {
    return socket != null && socket.isBound() && !socket.isClosed();
  }

  @Override
  public void close() {
    if (socket != null) {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing held any more either way.
    }
  }
}
