package io.github.qpidharness.junit5;

import static io.github.qpidharness.junit5.EngineRuns.failures;
import static io.github.qpidharness.junit5.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qpidharness.BrokerStartException;
import io.github.qpidharness.EmbeddedBroker;
import io.github.qpidharness.TestBroker;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class BrokerStartFailureTest {

  @Test
  void everyTestThatNeedsTheBrokerFailsWithTheStartUpCauseWhichIsTriedOnlyOnce() {
    EngineExecutionResults results =
        run(
            Map.of(WithBroker.BROKER_FACTORY_PARAMETER, BusyPortBroker.class.getName()),
            NeedsBrokerCase.class);

    Map<String, Throwable> failures = failures(results);
    assertThat(failures).hasSize(3);
    for (Throwable failure : failures.values()) {
      assertThat(failure)
          .isInstanceOf(ParameterResolutionException.class)
          .cause()
          .isInstanceOf(BrokerStartException.class)
          .hasMessageStartingWith(
              "The embedded Qpid broker for @WithBroker tests could not start: Cannot start the"
                  + " broker: port ")
          .hasMessageContaining("is already in use");
    }
    Set<Throwable> startUpCauses =
        failures.values().stream().map(f -> f.getCause().getCause()).collect(Collectors.toSet());
    assertThat(startUpCauses).hasSize(1);
    assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
  }

  @Test
  void aBrokerFactoryThatIsNoSupplierIsExplained() {
    Map<String, Throwable> failures =
        failures(
            run(
                Map.of(WithBroker.BROKER_FACTORY_PARAMETER, String.class.getName()),
                NeedsBrokerCase.class));

    assertThat(failures).hasSize(3);
    assertThat(failures.values().iterator().next().getCause())
        .hasMessage(
            "The embedded Qpid broker for @WithBroker tests could not start: java.lang.String"
                + " (from qpidharness.junit5.brokerFactory) must implement"
                + " Supplier<EmbeddedBroker>.");
  }

  /** Starts a broker on a port that is taken, a real start-up failure. */
  public static final class BusyPortBroker implements Supplier<EmbeddedBroker> {
    @Override
    public EmbeddedBroker get() {
      try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return EmbeddedBroker.builder().port(busy.getLocalPort()).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @WithBroker
  static class NeedsBrokerCase {
    @Test
    void first(TestBroker broker) {}

    @Test
    void second(ConnectionFactory factory) {}

    @Test
    void third(TestBroker broker) {}

    @Test
    void needsNothing() {}
  }
}
