package io.github.qpidharness.examples.spring.benchmark.shared;

import io.github.qpidharness.examples.spring.benchmark.HarnessOrderScenarios;

class Shared4Test extends HarnessOrderScenarios {}
