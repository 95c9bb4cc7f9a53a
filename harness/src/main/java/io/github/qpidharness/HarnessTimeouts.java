package io.github.qpidharness;

import io.github.qpidharness.internal.Durations;
import java.time.Duration;

/**
 * The one place that sets how long the harness waits: client timeouts and the default wait for a
 * message.
 *
 * <p>Slow CI machines can stretch every timeout without editing tests: set the system property
 * {@value #SCALE_PROPERTY} or the environment variable {@value #SCALE_ENVIRONMENT} to a factor,
 * e.g. {@code 3} or {@code 2.5}. The factor is read once, when this class loads.
 */
public final class HarnessTimeouts {
  /** System property holding the timeout factor. */
  public static final String SCALE_PROPERTY = "qpidharness.timeout.scale";

  /** Environment variable holding the timeout factor, used when the system property is unset. */
  public static final String SCALE_ENVIRONMENT = "QPID_HARNESS_TIMEOUT_SCALE";

  private static final double SCALE =
      parseScale(System.getProperty(SCALE_PROPERTY), System.getenv(SCALE_ENVIRONMENT));

  private HarnessTimeouts() {}

  /** The factor applied to every timeout (1 unless configured). */
  public static double scale() {
    return SCALE;
  }

  /** How long a receiver waits for a message unless the call names a timeout: 5 s, scaled. */
  public static Duration defaultReceiveTimeout() {
    return scaled(Duration.ofSeconds(5));
  }

  /** How long an assertion that nothing arrives listens before it passes: 200 ms, scaled. */
  public static Duration defaultQuietPeriod() {
    return scaled(Duration.ofMillis(200));
  }

  /** Connect, send and request timeout of every client connection the harness creates. */
  public static Duration clientTimeout() {
    return scaled(Duration.ofSeconds(15));
  }

  /** Close timeout of every client connection the harness creates. */
  public static Duration clientCloseTimeout() {
    return scaled(Duration.ofSeconds(5));
  }

  /**
   * {@code base} multiplied by the configured factor; a product too long for a {@code long} of
   * nanoseconds (~292 years) saturates to {@code Duration.ofSeconds(Long.MAX_VALUE)}.
   *
   * @throws IllegalArgumentException if {@code base} is null or negative
   */
  public static Duration scaled(Duration base) {
    return scaled(base, SCALE);
  }

  static Duration scaled(Duration base, double scale) {
    if (base == null || base.isNegative()) {
      throw new IllegalArgumentException(
          "A timeout to scale must be zero or positive but was "
              + base
              + "; use e.g. Duration.ofSeconds(5).");
    }
    double nanos = (double) Durations.nanos(base) * scale;
    if (nanos >= Long.MAX_VALUE) {
      return Duration.ofSeconds(Long.MAX_VALUE);
    }
    return Duration.ofNanos((long) nanos);
  }

  static double parseScale(String property, String environment) {
    String source = property != null ? SCALE_PROPERTY : SCALE_ENVIRONMENT;
    String value = property != null ? property : environment;
    if (value == null || value.isBlank()) {
      return 1.0;
    }
    try {
      double scale = Double.parseDouble(value.trim());
      if (scale > 0 && scale <= 1000) {
        return scale;
      }
    } catch (NumberFormatException e) {
      // fall through to the explanation below
    }
    throw new IllegalArgumentException(
        source
            + "="
            + value
            + " is not a valid timeout factor: use a number above 0 and at most 1000, e.g. 3.");
  }
}
