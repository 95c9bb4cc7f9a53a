package io.github.qpidharness.examples.spring.benchmark.dirtied;

import io.github.qpidharness.examples.spring.benchmark.HarnessOrderScenarios;
import org.springframework.test.annotation.DirtiesContext;

@DirtiesContext
class Dirtied1Test extends HarnessOrderScenarios {}
