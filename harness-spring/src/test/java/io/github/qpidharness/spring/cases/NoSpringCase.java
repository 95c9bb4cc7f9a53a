package io.github.qpidharness.spring.cases;

import io.github.qpidharness.spring.WithQpidBroker;
import org.junit.jupiter.api.Test;

/** Forgot the Spring test annotation: run by SpringHostExtensionTest through EngineTestKit. */
@WithQpidBroker
public class NoSpringCase {
  @Test
  void test() {}
}
