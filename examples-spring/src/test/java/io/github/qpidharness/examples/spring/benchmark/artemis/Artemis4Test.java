package io.github.qpidharness.examples.spring.benchmark.artemis;

import io.github.qpidharness.examples.spring.benchmark.ArtemisOrderScenarios;

class Artemis4Test extends ArtemisOrderScenarios {}
