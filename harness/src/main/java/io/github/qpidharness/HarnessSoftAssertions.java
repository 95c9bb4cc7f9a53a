package io.github.qpidharness;

import java.util.function.Consumer;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft assertions on receivers and messages: every failure is collected and {@link #assertAll()}
 * reports them together.
 *
 * <pre>{@code
 * HarnessSoftAssertions.assertSoftly(softly -> {
 *   softly.assertThat(message).hasText("Testing");
 *   softly.assertThat(message).hasProperty("type", "test");
 * });
 * }</pre>
 *
 * <p>AssertJ's {@code SoftAssertionsExtension} injects it too ({@code @InjectSoftAssertions
 * HarnessSoftAssertions softly}).
 */
public class HarnessSoftAssertions extends AbstractSoftAssertions
    implements HarnessSoftAssertionsProvider {

  /** Runs {@code assertions} softly and then fails with every failure they collected. */
  public static void assertSoftly(Consumer<HarnessSoftAssertions> assertions) {
    SoftAssertionsProvider.assertSoftly(HarnessSoftAssertions.class, assertions);
  }
}
