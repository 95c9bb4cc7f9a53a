package io.github.qpidharness;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests of this module, which cannot use {@code @WithBroker}: one broker for the test class and
 * an isolated host of its pool for every test, closed after it.
 */
abstract class OnIsolatedHost {
  static EmbeddedBroker broker;
  TestBroker host;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void openHost() {
    host = broker.isolatedHost();
  }

  @AfterEach
  void closeHost() {
    host.close();
  }
}
