package io.github.qpidharness.examples.spring.benchmark;

import io.github.qpidharness.HarnessTimeouts;
import io.github.qpidharness.ReceiverAssert;

/**
 * {@link HarnessOrderScenarios} with the same 200 ms "nothing more arrives" wait as the Artemis
 * variant, instead of waiting for the host to settle.
 */
public abstract class QuietOrderScenarios extends HarnessOrderScenarios {
  @Override
  ReceiverAssert nothingMore(ReceiverAssert events) {
    return events.withQuietPeriod(HarnessTimeouts.defaultQuietPeriod());
  }
}
