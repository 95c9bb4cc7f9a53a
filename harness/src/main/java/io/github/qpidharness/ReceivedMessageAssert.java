package io.github.qpidharness;

import io.github.qpidharness.internal.Describe;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** AssertJ-style assertions on one {@link ReceivedMessage}; each returns this for chaining. */
public final class ReceivedMessageAssert {
  private final ReceivedMessage actual;

  ReceivedMessageAssert(ReceivedMessage actual) {
    this.actual = actual;
  }

  /** The message under test, for checks the assertions do not cover. */
  public ReceivedMessage actual() {
    return actual;
  }

  /** Checks the body is a text with exactly this content. */
  public ReceivedMessageAssert hasText(String expected) {
    requireBody(BodyType.TEXT, "have text " + Describe.value(expected));
    if (!Objects.equals(expected, actual.text())) {
      throw fail("have text " + Describe.value(expected), "had " + Describe.value(actual.text()));
    }
    return this;
  }

  /** Checks the body is bytes with exactly this content. */
  public ReceivedMessageAssert hasBytes(byte[] expected) {
    Objects.requireNonNull(expected, "expected");
    requireBody(BodyType.BYTES, "have bytes " + Arrays.toString(expected));
    byte[] bytes = actual.bytes();
    if (!Arrays.equals(expected, bytes)) {
      throw fail(
          "have bytes " + Arrays.toString(expected),
          "had " + Arrays.toString(bytes) + firstDifference(expected, bytes));
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
      throw fail("have map body " + Describe.map(expected), "had " + Describe.map(body));
    }
    return this;
  }

  /**
   * Checks the property exists with this value, of this type ({@code 1} does not equal {@code 1L});
   * {@code null} expects a property that was set to null.
   */
  public ReceivedMessageAssert hasProperty(String name, Object expected) {
    String to = "have property " + name + "=" + Describe.typed(expected);
    if (!actual.hasProperty(name)) {
      throw fail(to, "it has no property of that name");
    }
    Object value = actual.property(name);
    if (!Objects.equals(expected, value)) {
      throw fail(to, "it had " + name + "=" + Describe.typed(value));
    }
    return this;
  }

  /** Checks the property exists, whatever its value (null included). */
  public ReceivedMessageAssert hasProperty(String name) {
    if (!actual.hasProperty(name)) {
      throw fail("have property \"" + name + "\"", "it has no property of that name");
    }
    return this;
  }

  /** Checks the property does not exist at all (a property set to null exists). */
  public ReceivedMessageAssert doesNotHaveProperty(String name) {
    if (actual.hasProperty(name)) {
      throw fail(
          "not have property \"" + name + "\"",
          "it has " + name + "=" + Describe.typed(actual.property(name)));
    }
    return this;
  }

  /** Checks the JMS type header. */
  public ReceivedMessageAssert hasType(String expected) {
    if (!Objects.equals(expected, actual.type())) {
      throw fail(
          "have JMSType " + Describe.value(expected), "had " + Describe.value(actual.type()));
    }
    return this;
  }

  /** Checks the correlation id header. */
  public ReceivedMessageAssert hasCorrelationId(String expected) {
    if (!Objects.equals(expected, actual.correlationId())) {
      throw fail(
          "have correlation id " + Describe.value(expected),
          "had " + Describe.value(actual.correlationId()));
    }
    return this;
  }

  /** Checks the JMS priority. */
  public ReceivedMessageAssert hasPriority(int expected) {
    if (expected != actual.priority()) {
      throw fail("have priority " + expected, "had " + actual.priority());
    }
    return this;
  }

  /** Checks the broker marked the message as delivered before. */
  public ReceivedMessageAssert isRedelivered() {
    if (!actual.redelivered()) {
      throw fail("be redelivered", "it was a first delivery (delivery count " + count() + ")");
    }
    return this;
  }

  /** Checks the message is a first delivery. */
  public ReceivedMessageAssert isNotRedelivered() {
    if (actual.redelivered()) {
      throw fail("be a first delivery", "it was redelivered (delivery count " + count() + ")");
    }
    return this;
  }

  private String count() {
    return actual.deliveryCount() == 0 ? "unknown" : String.valueOf(actual.deliveryCount());
  }

  private void requireBody(BodyType wanted, String to) {
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
    return HarnessAssertions.failure(
        "message " + actual.messageId() + " " + Describe.message(actual), to, but);
  }
}
