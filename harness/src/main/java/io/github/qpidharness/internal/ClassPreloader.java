package io.github.qpidharness.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a second thread while the broker starts on the first, the classes a broker start and a
 * first test go on to need: most of a cold start is class loading (~4,000 classes from jars), and
 * the machines tests run on have a second core. Not API.
 *
 * <p>The list ({@value #LIST}) is what a first test through {@code @WithBroker} loaded, recorded by
 * the benchmarks' {@code PreloadList} command: first the classes needed once the broker is up (the
 * JMS client, netty, the fixtures), which the start itself never competes for, then the broker's
 * own, last needed first, so that the two threads meet halfway. Classes are loaded, not
 * initialized: no static initializer runs earlier or on another thread than it would anyway. A name
 * the class path lacks (another version of a library) is skipped.
 *
 * <p>Off with the system property {@code qpidharness.preload=false}.
 */
final class ClassPreloader {
  /** The system property that turns preloading off when {@code false}. */
  static final String ENABLED_PROPERTY = "qpidharness.preload";

  /** The thread's name, for leak checks. */
  static final String THREAD_NAME = "qpid-harness-preload";

  static final String LIST = "preload-classes.txt";

  private static final Logger LOG = LoggerFactory.getLogger(ClassPreloader.class);
  private static final long STOP_WAIT_MS = 5_000;

  private final Thread thread;
  private volatile int loaded;
  private volatile int missing;

  private ClassPreloader(ClassLoader loader) {
    this.thread = new Thread(() -> loadAll(loader), THREAD_NAME);
    thread.setDaemon(true);
  }

  /** Starts preloading into {@code loader}, or returns null if preloading is off. */
  static ClassPreloader start(ClassLoader loader) {
    return start(loader, System.getProperty(ENABLED_PROPERTY));
  }

  /** Like {@link #start(ClassLoader)}, with the value of {@value #ENABLED_PROPERTY} given. */
  static ClassPreloader start(ClassLoader loader, String enabled) {
    if ("false".equalsIgnoreCase(enabled)) {
      return null;
    }
    ClassPreloader preloader = new ClassPreloader(loader);
    preloader.thread.start();
    return preloader;
  }

  /** Stops preloading (the class being loaded finishes) and waits for the thread to end. */
  void stop() {
    thread.interrupt();
    try {
      thread.join(STOP_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Classes loaded (or found loaded) so far. */
  int loaded() {
    return loaded;
  }

  /** Listed names the class path did not have. */
  int missing() {
    return missing;
  }

  /** Waits until the whole list is through; for tests. */
  boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
    thread.join(unit.toMillis(timeout));
    return !thread.isAlive();
  }

  private void loadAll(ClassLoader loader) {
    long start = System.nanoTime();
    try (InputStream in = ClassPreloader.class.getResourceAsStream(LIST)) {
      if (in == null) {
        LOG.debug("No {} on the class path; nothing to preload", LIST);
        return;
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String name;
      while ((name = reader.readLine()) != null) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        if (name.isEmpty() || name.startsWith("#")) {
          continue;
        }
        try {
          Class.forName(name, false, loader);
          loaded++;
        } catch (ClassNotFoundException | LinkageError e) {
          missing++;
        }
      }
    } catch (IOException e) {
      LOG.debug("Could not read {}; preloading stops", LIST, e);
    } finally {
      LOG.debug(
          "Preloaded {} classes in {} ms ({} listed names not found)",
          loaded,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
          missing);
    }
  }
}
