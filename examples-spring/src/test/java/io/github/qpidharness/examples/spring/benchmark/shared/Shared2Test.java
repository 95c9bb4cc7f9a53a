package io.github.qpidharness.examples.spring.benchmark.shared;

import io.github.qpidharness.examples.spring.benchmark.HarnessOrderScenarios;

class Shared2Test extends HarnessOrderScenarios {}
