package io.github.qpidharness.examples.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

/**
 * Counts how often an order application context started in this JVM, for {@link SharedContextTest}.
 * A JVM-wide count on purpose: Spring's context cache is JVM-wide too.
 */
@Component
class ContextStarts implements ApplicationListener<ContextRefreshedEvent> {
  private static final AtomicInteger STARTS = new AtomicInteger();

  static int count() {
    return STARTS.get();
  }

  @Override
  public void onApplicationEvent(ContextRefreshedEvent event) {
    STARTS.incrementAndGet();
  }
}
