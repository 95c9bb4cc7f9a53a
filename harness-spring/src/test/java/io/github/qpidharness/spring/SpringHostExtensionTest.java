package io.github.qpidharness.spring;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.qpidharness.spring.cases.NoSpringCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;

class SpringHostExtensionTest {

  @Test
  void aTestClassWithoutSpringIsToldWhatToAdd() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(NoSpringCase.class))
        .execute()
        .testEvents()
        .assertThatEvents()
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
}
