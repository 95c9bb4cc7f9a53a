package io.github.qpidharness.junit5;

import io.github.qpidharness.TestBroker;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What one extension context (a test method, or a class in per-class mode) holds: the isolated host
 * it uses and the fixtures injected in it. Closing it closes the host if this scope owns it (which
 * closes every fixture on it), or else the fixtures, newest first.
 */
final class HostScope implements AutoCloseable {
  private final TestBroker host;
  private final boolean ownsHost;
  private final Deque<AutoCloseable> fixtures = new ArrayDeque<>();

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

  @Override
  public void close() throws Exception {
    if (ownsHost) {
      // Closing the host closes its fixtures too, ending their sessions off the test's thread.
      host.close();
      return;
    }
    Exception failure = null;
    while (true) {
      AutoCloseable fixture;
      synchronized (this) {
        fixture = fixtures.poll();
      }
      if (fixture == null) {
        break;
      }
      failure = closeCollecting(fixture, failure);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Exception closeCollecting(AutoCloseable resource, Exception failure) {
    try {
      resource.close();
      return failure;
    } catch (Exception e) {
      if (failure == null) {
        return e;
      }
      failure.addSuppressed(e);
      return failure;
    }
  }
}
