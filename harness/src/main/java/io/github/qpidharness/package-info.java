/**
 * An embedded Apache Qpid Broker-J for tests: {@link io.github.qpidharness.EmbeddedBroker},
 * isolated {@link io.github.qpidharness.TestBroker} hosts, message senders and receivers, and
 * {@link io.github.qpidharness.HarnessAssertions}. No JUnit dependency; see {@code
 * qpid-harness-junit5} for {@code @WithBroker}.
 */
package io.github.qpidharness;
