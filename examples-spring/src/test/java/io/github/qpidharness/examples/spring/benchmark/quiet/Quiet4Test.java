package io.github.qpidharness.examples.spring.benchmark.quiet;

import io.github.qpidharness.examples.spring.benchmark.QuietOrderScenarios;

class Quiet4Test extends QuietOrderScenarios {}
