package io.github.qpidharness.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs the five classes of the example suite (package {@code suite}, ten tests each) as one test
 * run and checks that they shared one application context while every test had its own host (the
 * classes check that themselves).
 */
class SharedContextTest {

  @Test
  void fiftyTestsInFiveClassesShareOneApplicationContext() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectPackage("io.github.qpidharness.examples.spring.suite"))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(50).succeeded(50));

    assertThat(ContextStarts.count()).as("order application contexts started").isEqualTo(1);
  }
}
