package io.github.qpidharness.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.EmbeddedBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClassPreloaderTest {

  @Test
  void theListNamesClassesOfThisClassPathInPreloadOrder() throws Exception {
    List<String> names = listedNames();
    assertThat(names).hasSizeGreaterThan(1_000);
    // The JMS client (needed once the broker is up) comes before the broker's own start classes.
    assertThat(names.indexOf("org.apache.qpid.jms.JmsConnectionFactory"))
        .isLessThan(names.indexOf("org.apache.qpid.server.SystemLauncher"))
        .isNotNegative();

    ClassPreloader preloader = ClassPreloader.start(getClass().getClassLoader());
    assertThat(preloader).isNotNull();
    assertThat(preloader.awaitDone(60, TimeUnit.SECONDS)).as("preloading done").isTrue();

    List<String> missing = new ArrayList<>();
    for (String name : names) {
      try {
        Class.forName(name, false, getClass().getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(name);
      }
    }
    assertThat(preloader.missing()).isEqualTo(missing.size());
    assertThat(preloader.loaded()).isEqualTo(names.size() - missing.size());
    // Only the JUnit extension's classes are absent here (they are in harness-junit5), and JDK
    // internals differ between Java versions; any other missing name means the list is stale:
    // regenerate it (see PreloadList).
    assertThat(missing)
        .as("listed library classes this class path lacks")
        .allMatch(
            name ->
                name.startsWith("io.github.qpidharness.junit5.")
                    || name.matches("(java|javax|jdk|sun|com\\.sun)\\..*"));
  }

  @Test
  void closingTheBrokerStopsPreloadingAtOnce() {
    EmbeddedBroker broker = EmbeddedBroker.builder().hostPoolSize(0).start();
    broker.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals(ClassPreloader.THREAD_NAME) && t.isAlive());
  }

  @Test
  void falseTurnsPreloadingOff() {
    assertThat(ClassPreloader.start(getClass().getClassLoader(), "false")).isNull();
    assertThat(ClassPreloader.start(getClass().getClassLoader(), "FALSE")).isNull();
  }

  private static List<String> listedNames() throws IOException {
    try (InputStream in = ClassPreloader.class.getResourceAsStream(ClassPreloader.LIST)) {
      assertThat(in).as(ClassPreloader.LIST + " on the class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    }
  }
}
