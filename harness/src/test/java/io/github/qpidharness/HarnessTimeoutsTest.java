package io.github.qpidharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HarnessTimeoutsTest {

  @Test
  void scaleDefaultsToOne() {
    assertThat(HarnessTimeouts.parseScale(null, null)).isEqualTo(1.0);
  }

  @Test
  void systemPropertyWinsOverEnvironment() {
    assertThat(HarnessTimeouts.parseScale("2.5", "4")).isEqualTo(2.5);
    assertThat(HarnessTimeouts.parseScale(null, "4")).isEqualTo(4.0);
  }

  @Test
  void invalidScaleNamesTheSettingAndTheFix() {
    assertThatThrownBy(() -> HarnessTimeouts.parseScale("slow", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "qpidharness.timeout.scale=slow is not a valid timeout factor: use a number above 0 and"
                + " at most 1000, e.g. 3.");
    assertThatThrownBy(() -> HarnessTimeouts.parseScale(null, "-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("QPID_HARNESS_TIMEOUT_SCALE=-1 is not a valid timeout factor");
  }

  @Test
  void scalingSaturatesInsteadOfOverflowing() {
    Duration longest = Duration.ofSeconds(Long.MAX_VALUE);
    assertThat(HarnessTimeouts.scaled(longest, 2.0)).isEqualTo(longest);
    assertThat(HarnessTimeouts.scaled(Duration.ofDays(365L * 1000), 3.0)).isEqualTo(longest);
    assertThat(HarnessTimeouts.scaled(Duration.ofSeconds(5), 2.5))
        .isEqualTo(Duration.ofMillis(12_500));
  }
}
