package io.github.qpidharness.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.qpidharness.spring.cases.MissingListenerDestinationCase;
import io.github.qpidharness.spring.cases.NoSpringCase;
import java.time.Duration;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class SpringHostExtensionTest {

  @Test
  void aTestClassWithoutSpringIsToldWhatToAdd() {
    testEventsOf(NoSpringCase.class)
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        "@WithQpidBroker on io.github.qpidharness.spring.cases.NoSpringCase needs a"
                            + " Spring test context: add @SpringBootTest, @SpringJUnitConfig or"
                            + " @ExtendWith(SpringExtension.class) to the class."))));
  }

  @Test
  void listenersOnDestinationsTheHostLacksFailAtOnceNamingThem() {
    long start = System.nanoTime();
    testEventsOf(MissingListenerDestinationCase.class)
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(IllegalStateException.class),
                    message(
                        m ->
                            m.startsWith(
                                    "The context's JMS listeners consume from queue \"nowhere\","
                                        + " topic \"no-news\", which the test's host does not"
                                        + " have.")
                                && m.contains("a @Queue/@Topic parameter or field")))));
    // Not after the 10 s attach timeout that a started listener would run into.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(ListenerContainers.ATTACH_TIMEOUT);
  }

  private static ListAssert<Event> testEventsOf(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .execute()
        .testEvents()
        .assertThatEvents();
  }
}
