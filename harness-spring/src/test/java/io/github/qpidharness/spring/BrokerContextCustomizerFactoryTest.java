package io.github.qpidharness.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BrokerContextCustomizerFactoryTest {
  private final BrokerContextCustomizerFactory factory = new BrokerContextCustomizerFactory();

  @WithQpidBroker(queues = "a")
  static class First {}

  @WithQpidBroker(queues = "b", topics = "c")
  static class Second {}

  static class Unannotated {}

  @WithQpidBroker
  static class Outer {
    @Nested
    class Inner {}
  }

  @Test
  void classesThatDeclareDifferentDestinationsStillShareOneContext() {
    assertThat(factory.createContextCustomizer(First.class, List.of()))
        .isNotNull()
        .isEqualTo(factory.createContextCustomizer(Second.class, List.of()))
        .hasSameHashCodeAs(factory.createContextCustomizer(Second.class, List.of()));
  }

  @Test
  void aClassWithoutTheAnnotationGetsNoCustomizer() {
    assertThat(factory.createContextCustomizer(Unannotated.class, List.of())).isNull();
  }

  @Test
  void aNestedClassInheritsTheAnnotationOfItsEnclosingClass() {
    assertThat(factory.createContextCustomizer(Outer.Inner.class, List.of())).isNotNull();
  }
}
