package io.github.qpidharness.internal;

import io.github.qpidharness.HarnessTimeouts;
import io.github.qpidharness.NetworkProxy;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A {@link NetworkProxy} on plain blocking sockets: an accepting thread, and per connection one
 * reading and one writing thread in each direction, so that a frozen or delayed direction holds
 * bytes in a queue without blocking the reader's socket. Not API.
 */
public final class TcpProxy implements NetworkProxy {
  private static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration MAX_LATENCY = Duration.ofHours(1);
  private static final int BUFFER = 16 * 1024;

  private final int targetPort;
  private final ServerSocket server;
  private final Function<String, ConnectionFactory> factories;
  private final String url;
  private final String name;
  private final Runnable onClose;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean frozen;
  private long latencyNanos;
  private boolean closed;

  /**
   * Listens on an ephemeral port of 127.0.0.1 and forwards to {@code targetPort} there.
   *
   * @param urlForPort the qpid-jms URL of the host for a port (the proxy's)
   * @param factories a connection factory for a URL
   * @param onClose called once when the proxy closes, e.g. to forget it
   */
  public static TcpProxy start(
      int targetPort,
      Function<Integer, String> urlForPort,
      Function<String, ConnectionFactory> factories,
      Runnable onClose) {
    ServerSocket server;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new IllegalStateException("Could not open a proxy port on 127.0.0.1: " + e, e);
    }
    TcpProxy proxy =
        new TcpProxy(
            targetPort, server, urlForPort.apply(server.getLocalPort()), factories, onClose);
    proxy.startThread("accept", proxy::accept);
    return proxy;
  }

  private TcpProxy(
      int targetPort,
      ServerSocket server,
      String url,
      Function<String, ConnectionFactory> factories,
      Runnable onClose) {
    this.targetPort = targetPort;
    this.server = server;
    this.url = url;
    this.factories = factories;
    this.onClose = onClose;
    this.name = "qpid-harness-proxy-" + server.getLocalPort();
  }

  @Override
  public int port() {
    requireOpen();
    return server.getLocalPort();
  }

  @Override
  public String url() {
    requireOpen();
    return url;
  }

  @Override
  public ConnectionFactory connectionFactory() {
    requireOpen();
    return factories.apply(url);
  }

  @Override
  public ConnectionFactory connectionFactory(Duration idleTimeout) {
    if (idleTimeout == null
        || idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0
        || idleTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "Idle timeout "
              + idleTimeout
              + " is out of range: Broker-J refuses a client idle timeout below "
              + MIN_IDLE_TIMEOUT.toMillis()
              + " ms; use e.g. Duration.ofSeconds(2).");
    }
    requireOpen();
    return factories.apply(url + "&amqp.idleTimeout=" + idleTimeout.toMillis());
  }

  @Override
  public void cut() {
    requireOpen();
    for (Link link : List.copyOf(links)) {
      link.close();
    }
  }

  @Override
  public void freeze() {
    update(() -> frozen = true);
  }

  @Override
  public void thaw() {
    update(() -> frozen = false);
  }

  @Override
  public void latency(Duration latency) {
    if (latency == null || latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
      throw new IllegalArgumentException(
          "Latency " + latency + " is out of range: use zero up to one hour, e.g. 50 ms.");
    }
    long nanos = latency.toNanos();
    update(() -> latencyNanos = nanos);
  }

  @Override
  public void restore() {
    update(
        () -> {
          frozen = false;
          latencyNanos = 0;
        });
  }

  private void update(Runnable change) {
    lock.lock();
    try {
      requireOpen();
      change.run();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Closes the port, every connection through it, and waits (bounded) for its threads to end. */
  @Override
  public void close() {
    List<Thread> started;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      changed.signalAll();
      started = List.copyOf(threads);
    } finally {
      lock.unlock();
    }
    closeQuietly(server);
    for (Link link : List.copyOf(links)) {
      link.close();
    }
    long deadline = System.nanoTime() + HarnessTimeouts.clientCloseTimeout().toNanos();
    try {
      for (Thread thread : started) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      onClose.run();
    }
  }

  private void accept() {
    while (true) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Socket broker = new Socket();
      try {
        client.setTcpNoDelay(true);
        broker.setTcpNoDelay(true);
        broker.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort),
            (int) Math.min(Integer.MAX_VALUE, HarnessTimeouts.clientTimeout().toMillis()));
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(broker);
        continue; // the client sees its connection closed, as without a broker
      }
      Link link = new Link(client, broker);
      links.add(link);
      int n = connections.incrementAndGet();
      if (!link.start(n)) {
        link.close();
      }
    }
  }

  private boolean startThread(String suffix, Runnable body) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      Thread thread = new Thread(body, name + "-" + suffix);
      thread.setDaemon(true);
      threads.removeIf(t -> t.getState() == Thread.State.TERMINATED);
      threads.add(thread);
      thread.start();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits while frozen; false once the proxy is closed. */
  private boolean awaitFlowing() throws InterruptedException {
    lock.lock();
    try {
      while (frozen && !closed) {
        changed.await();
      }
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  private long latencyNanos() {
    lock.lock();
    try {
      return latencyNanos;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@code due} (a nanoTime) or the proxy closes; false once closed. */
  private boolean awaitDue(long due) throws InterruptedException {
    lock.lock();
    try {
      long left;
      while (!closed && (left = due - System.nanoTime()) > 0) {
        changed.awaitNanos(left);
      }
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(
          "The network proxy on port "
              + server.getLocalPort()
              + " is closed; ask the host for a new one with proxy().");
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing a socket that is gone already: nothing more to end.
    }
  }

  /** A chunk of bytes to forward once due; an empty chunk ends the direction. */
  private record Chunk(byte[] bytes, long due) {}

  /** One client connection and its connection to the broker. */
  private final class Link {
    private final Socket client;
    private final Socket broker;

    Link(Socket client, Socket broker) {
      this.client = client;
      this.broker = broker;
    }

    boolean start(int n) {
      return direction(n + "-up", client, broker) && direction(n + "-down", broker, client);
    }

    private boolean direction(String label, Socket from, Socket to) {
      LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
      return startThread(label + "-read", () -> read(from, queue))
          && startThread(label + "-write", () -> write(queue, to));
    }

    private void read(Socket from, LinkedBlockingQueue<Chunk> queue) {
      byte[] buffer = new byte[BUFFER];
      try (InputStream in = from.getInputStream()) {
        while (awaitFlowing()) {
          int read = in.read(buffer);
          if (read < 0) {
            break;
          }
          byte[] bytes = new byte[read];
          System.arraycopy(buffer, 0, bytes, 0, read);
          queue.put(new Chunk(bytes, System.nanoTime() + latencyNanos()));
        }
      } catch (IOException | InterruptedException e) {
        // The socket closed (a cut, the proxy's close, or its peer): end the direction.
      }
      queue.offer(new Chunk(new byte[0], System.nanoTime()));
    }

    private void write(LinkedBlockingQueue<Chunk> queue, Socket to) {
      try (OutputStream out = to.getOutputStream()) {
        while (true) {
          Chunk chunk = queue.take();
          if (chunk.bytes().length == 0 || !awaitDue(chunk.due()) || !awaitFlowing()) {
            break;
          }
          out.write(chunk.bytes());
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // The socket closed: end the direction.
      }
      close();
    }

    void close() {
      links.remove(this);
      closeQuietly(client);
      closeQuietly(broker);
    }
  }
}
