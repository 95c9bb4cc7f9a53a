package io.github.qpidharness;

import io.github.qpidharness.internal.Describe;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one {@link ReceivedMessage}; each returns this for chaining, and AssertJ's
 * own ({@code as}, {@code withFailMessage}, {@code satisfies}, soft assertions) work with them.
 *
 * <p>A check whose value differs fails with expected and actual values (an opentest4j {@code
 * AssertionFailedError} when opentest4j is on the class path), so an IDE can show the difference.
 */
public class ReceivedMessageAssert extends AbstractAssert<ReceivedMessageAssert, ReceivedMessage> {

  /**
   * Assertions on {@code actual}; {@link HarnessAssertions#assertThat(ReceivedMessage)} reads
   * better.
   */
  public ReceivedMessageAssert(ReceivedMessage actual) {
    super(actual, ReceivedMessageAssert.class);
  }

  /** The message under test, for checks the assertions do not cover. */
  @Override
  public ReceivedMessage actual() {
    return actual;
  }

  /** Checks the body is a text with exactly this content. */
  public ReceivedMessageAssert hasText(String expected) {
    requireBody(BodyType.TEXT, "have text " + Describe.value(expected));
    if (!Objects.equals(expected, actual.text())) {
      throw differs(
          actual.text(),
          expected,
          "have text " + Describe.value(expected),
          "had " + Describe.value(actual.text()));
    }
    return this;
  }

  /** Checks the body is bytes with exactly this content. */
  public ReceivedMessageAssert hasBytes(byte[] expected) {
    Objects.requireNonNull(expected, "expected");
    requireBody(BodyType.BYTES, "have bytes " + bytesText(expected));
    // Compared in place: a big body is copied only when the check fails.
    if (!actual.bytesView().equals(ByteBuffer.wrap(expected))) {
      byte[] bytes = actual.bytes();
      throw differs(
          bytes,
          expected,
          "have bytes " + bytesText(expected),
          "had " + bytesText(bytes) + firstDifference(expected, bytes));
    }
    return this;
  }

  /** Checks the body is a map with exactly these entries (byte[] values compared by content). */
  public ReceivedMessageAssert hasMapBody(Map<String, ?> expected) {
    Objects.requireNonNull(expected, "expected");
    requireBody(BodyType.MAP, "have map body " + Describe.map(expected));
    Map<String, Object> body = actual.mapBody();
    boolean same = body.size() == expected.size();
    for (Map.Entry<String, ?> entry : expected.entrySet()) {
      Object value = body.get(entry.getKey());
      same &=
          body.containsKey(entry.getKey())
              && (value instanceof byte[] b && entry.getValue() instanceof byte[] e
                  ? Arrays.equals(b, e)
                  : Objects.equals(entry.getValue(), value));
    }
    if (!same) {
      throw differs(
          body, expected, "have map body " + Describe.map(expected), "had " + Describe.map(body));
    }
    return this;
  }

  /**
   * Checks the property exists with this value, of this type ({@code 1} does not equal {@code 1L});
   * {@code null} expects a property that was set to null.
   */
  public ReceivedMessageAssert hasProperty(String name, Object expected) {
    String to = "have property " + name + "=" + Describe.typed(expected);
    isNotNull();
    if (!actual.hasProperty(name)) {
      throw fail(to, "it has no property of that name");
    }
    Object value = actual.property(name);
    if (!Objects.equals(expected, value)) {
      throw differs(value, expected, to, "it had " + name + "=" + Describe.typed(value));
    }
    return this;
  }

  /** Checks the property exists, whatever its value (null included). */
  public ReceivedMessageAssert hasProperty(String name) {
    isNotNull();
    if (!actual.hasProperty(name)) {
      throw fail("have property \"" + name + "\"", "it has no property of that name");
    }
    return this;
  }

  /** Checks the property does not exist at all (a property set to null exists). */
  public ReceivedMessageAssert doesNotHaveProperty(String name) {
    isNotNull();
    if (actual.hasProperty(name)) {
      throw fail(
          "not have property \"" + name + "\"",
          "it has " + name + "=" + Describe.typed(actual.property(name)));
    }
    return this;
  }

  /** Checks the JMS type header. */
  public ReceivedMessageAssert hasType(String expected) {
    isNotNull();
    if (!Objects.equals(expected, actual.type())) {
      throw differs(
          actual.type(),
          expected,
          "have JMSType " + Describe.value(expected),
          "had " + Describe.value(actual.type()));
    }
    return this;
  }

  /** Checks the correlation id header. */
  public ReceivedMessageAssert hasCorrelationId(String expected) {
    isNotNull();
    if (!Objects.equals(expected, actual.correlationId())) {
      throw differs(
          actual.correlationId(),
          expected,
          "have correlation id " + Describe.value(expected),
          "had " + Describe.value(actual.correlationId()));
    }
    return this;
  }

  /** Checks the JMS priority. */
  public ReceivedMessageAssert hasPriority(int expected) {
    isNotNull();
    if (expected != actual.priority()) {
      throw differs(
          actual.priority(), expected, "have priority " + expected, "had " + actual.priority());
    }
    return this;
  }

  /** Checks the broker marked the message as delivered before. */
  public ReceivedMessageAssert isRedelivered() {
    isNotNull();
    if (!actual.redelivered()) {
      throw fail("be redelivered", "it was a first delivery (delivery count " + count() + ")");
    }
    return this;
  }

  /** Checks the message is a first delivery. */
  public ReceivedMessageAssert isNotRedelivered() {
    isNotNull();
    if (actual.redelivered()) {
      throw fail("be a first delivery", "it was redelivered (delivery count " + count() + ")");
    }
    return this;
  }

  private String count() {
    return actual.deliveryCount() == 0 ? "unknown" : String.valueOf(actual.deliveryCount());
  }

  private void requireBody(BodyType wanted, String to) {
    isNotNull();
    if (actual.bodyType() != wanted) {
      throw fail(to, "its body is " + actual.bodyType() + ", not " + wanted);
    }
  }

  private static String firstDifference(byte[] expected, byte[] actual) {
    int n = Math.min(expected.length, actual.length);
    for (int i = 0; i < n; i++) {
      if (expected[i] != actual[i]) {
        return " (first difference at index " + i + ")";
      }
    }
    return " (lengths " + expected.length + " and " + actual.length + ")";
  }

  private AssertionError fail(String to, String but) {
    return failure("%s", HarnessAssertions.layout(expecting(), to, but));
  }

  /**
   * A failure where a value differs: IDEs can show {@code actualValue} against {@code expected}.
   */
  private AssertionError differs(Object actualValue, Object expected, String to, String but) {
    return failureWithActualExpected(
        actualValue, expected, "%s", HarnessAssertions.layout(expecting(), to, but));
  }

  private String expecting() {
    return "message " + actual.messageId() + " " + Describe.message(actual);
  }

  /** All bytes of a short body; the first 64 and the length of a long one. */
  private static String bytesText(byte[] bytes) {
    if (bytes.length <= 64) {
      return Arrays.toString(bytes);
    }
    String head = Arrays.toString(Arrays.copyOf(bytes, 64));
    return head.substring(0, head.length() - 1) + ", ... (" + bytes.length + " bytes)]";
  }
}
