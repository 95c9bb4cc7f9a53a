/**
 * The JUnit Jupiter front door of the harness: {@link io.github.qpidharness.junit5.WithBroker},
 * {@link io.github.qpidharness.junit5.Queue} and {@link io.github.qpidharness.junit5.Topic}. The
 * extension classes themselves are package-private and not API.
 */
package io.github.qpidharness.junit5;
