package io.github.qpidharness.examples.spring.benchmark.artemis;

import io.github.qpidharness.examples.spring.benchmark.ArtemisOrderScenarios;

class Artemis1Test extends ArtemisOrderScenarios {}
