/**
 * Spring test support: {@link io.github.qpidharness.spring.WithQpidBroker} gives a cached
 * application context a {@code ConnectionFactory} whose connections, and whose JMS listeners,
 * follow each test's isolated host.
 */
package io.github.qpidharness.spring;
