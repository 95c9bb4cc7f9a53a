package io.github.qpidharness.internal;

import io.github.qpidharness.BodyType;
import io.github.qpidharness.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a wanted message looks like (text, properties, JMS type), able to say which fields of a
 * message differ, so a failure can show the closest message. Not API.
 */
public final class Expectation {
  private final boolean checkText;
  private final String text;
  private final Map<String, ?> properties;
  private final boolean checkType;
  private final String type;

  private Expectation(
      boolean checkText, String text, Map<String, ?> properties, boolean checkType, String type) {
    this.checkText = checkText;
    this.text = text;
    this.properties = properties;
    this.checkType = checkType;
    this.type = type;
  }

  public static Expectation text(String text) {
    return new Expectation(true, text, Map.of(), false, null);
  }

  public static Expectation properties(Map<String, ?> properties) {
    return new Expectation(
        false, null, Objects.requireNonNull(properties, "properties"), false, null);
  }

  public static Expectation textAndProperties(String text, Map<String, ?> properties) {
    return new Expectation(
        true, text, Objects.requireNonNull(properties, "properties"), false, null);
  }

  public static Expectation type(String type) {
    return new Expectation(false, null, Map.of(), true, type);
  }

  /** E.g. {@code a message with text "hi" and property type="test"}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (checkText) {
      parts.add("text " + Describe.value(text));
    }
    for (Map.Entry<String, ?> entry : properties.entrySet()) {
      parts.add("property " + entry.getKey() + "=" + Describe.value(entry.getValue()));
    }
    if (checkType) {
      parts.add("JMSType " + Describe.value(type));
    }
    return "a message with " + String.join(" and ", parts);
  }

  /** The fields of {@code message} that differ, each as {@code field: expected X but was Y}. */
  public List<String> mismatches(ReceivedMessage message) {
    List<String> out = new ArrayList<>();
    if (checkText) {
      if (message.bodyType() != BodyType.TEXT) {
        out.add(
            "text: expected " + Describe.value(text) + " but the body is " + message.bodyType());
      } else if (!Objects.equals(text, message.text())) {
        out.add(
            "text: expected "
                + Describe.value(text)
                + " but was "
                + Describe.value(message.text()));
      }
    }
    for (Map.Entry<String, ?> entry : properties.entrySet()) {
      String mismatch = propertyMismatch(message, entry.getKey(), entry.getValue());
      if (mismatch != null) {
        out.add(mismatch);
      }
    }
    if (checkType && !Objects.equals(type, message.type())) {
      out.add(
          "JMSType: expected "
              + Describe.value(type)
              + " but was "
              + Describe.value(message.type()));
    }
    return out;
  }

  /** Why the property differs, or null if it matches (a value's type counts: 1 is not 1L). */
  public static String propertyMismatch(ReceivedMessage message, String name, Object expected) {
    if (!message.hasProperty(name)) {
      return "property \""
          + name
          + "\": expected "
          + Describe.typed(expected)
          + " but it is missing";
    }
    Object actual = message.property(name);
    if (Objects.equals(expected, actual)) {
      return null;
    }
    return "property \""
        + name
        + "\": expected "
        + Describe.typed(expected)
        + " but was "
        + Describe.typed(actual);
  }
}
