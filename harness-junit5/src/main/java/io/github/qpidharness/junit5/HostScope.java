package io.github.qpidharness.junit5;

import io.github.qpidharness.TestBroker;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What one extension context (a test method, or a class in per-class mode) holds: the isolated host
 * it uses, the fixtures injected in it and the JMS clients ({@code JMSContext}, {@code Connection})
 * opened for it. Closing it closes the clients, newest first, then the host if this scope owns it
 * (which closes every fixture on it), or else the fixtures, newest first.
 */
final class HostScope implements AutoCloseable {
  private final TestBroker host;
  private final boolean ownsHost;
  private final Deque<AutoCloseable> fixtures = new ArrayDeque<>();
  private final Deque<AutoCloseable> clients = new ArrayDeque<>();

  private HostScope(TestBroker host, boolean ownsHost) {
    this.host = host;
    this.ownsHost = ownsHost;
  }

  static HostScope owning(TestBroker host) {
    return new HostScope(host, true);
  }

  static HostScope borrowing(TestBroker host) {
    return new HostScope(host, false);
  }

  TestBroker host() {
    return host;
  }

  synchronized <T extends AutoCloseable> T register(T fixture) {
    fixtures.push(fixture);
    return fixture;
  }

  /** A plain JMS client the host does not know of, closed before the host and its fixtures. */
  synchronized <T extends AutoCloseable> T registerClient(T client) {
    clients.push(client);
    return client;
  }

  @Override
  public void close() throws Exception {
    Exception failure = closeAll(clients, null);
    if (ownsHost) {
      // Closing the host closes its fixtures too, ending their sessions off the test's thread.
      try {
        host.close();
      } catch (RuntimeException e) {
        failure = collect(e, failure);
      }
    } else {
      failure = closeAll(fixtures, failure);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private Exception closeAll(Deque<AutoCloseable> resources, Exception failure) {
    while (true) {
      AutoCloseable resource;
      synchronized (this) {
        resource = resources.poll();
      }
      if (resource == null) {
        return failure;
      }
      failure = closeCollecting(resource, failure);
    }
  }

  private static Exception closeCollecting(AutoCloseable resource, Exception failure) {
    try {
      resource.close();
      return failure;
    } catch (Exception e) {
      return collect(e, failure);
    }
  }

  private static Exception collect(Exception e, Exception failure) {
    if (failure == null) {
      return e;
    }
    failure.addSuppressed(e);
    return failure;
  }
}
