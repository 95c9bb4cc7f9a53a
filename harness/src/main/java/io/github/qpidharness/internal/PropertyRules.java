package io.github.qpidharness.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The JMS rules for message property names and values (Jakarta Messaging 3.1, section 3.5 and the
 * message selector syntax in 3.8.1.1), checked before anything reaches the client.
 */
public final class PropertyRules {
  // Selector literals and operators; the spec says they are case-insensitive.
  private static final Set<String> RESERVED_WORDS =
      Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

  private PropertyRules() {}

  /**
   * Checks an application property name.
   *
   * @throws IllegalArgumentException naming the property and the rule it breaks
   */
  public static String requireValidName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(
          "Property name must not be "
              + (name == null ? "null" : "empty")
              + ": JMS property names are identifiers such as \"type\" or \"orderId\".");
    }
    if (!Character.isJavaIdentifierStart(name.codePointAt(0))) {
      throw new IllegalArgumentException(
          "Property name \""
              + name
              + "\" is not a JMS identifier: it must start with a Java identifier start character"
              + " (a letter, '_' or '$'), not '"
              + new String(Character.toChars(name.codePointAt(0)))
              + "'.");
    }
    for (int i = Character.charCount(name.codePointAt(0)); i < name.length(); ) {
      int c = name.codePointAt(i);
      if (!Character.isJavaIdentifierPart(c)) {
        throw new IllegalArgumentException(
            "Property name \""
                + name
                + "\" is not a JMS identifier: the character '"
                + new String(Character.toChars(c))
                + "' at index "
                + i
                + " is not a Java identifier part (use letters, digits, '_' or '$').");
      }
      i += Character.charCount(c);
    }
    if (RESERVED_WORDS.contains(name.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "Property name \""
              + name
              + "\" is a reserved word of the JMS selector syntax (NULL, TRUE, FALSE, NOT, AND, OR,"
              + " BETWEEN, LIKE, IN, IS, ESCAPE; in any case): choose another name.");
    }
    if (name.startsWith("JMS")) {
      throw new IllegalArgumentException(
          "Property name \""
              + name
              + "\" starts with \"JMS\", which the JMS specification reserves (JMSX... for"
              + " JMS-defined properties, JMS_... for the provider, JMS... for header fields):"
              + " choose a name that does not start with \"JMS\".");
    }
    return name;
  }

  /**
   * Checks an application property value: String, Boolean, Byte, Short, Integer, Long, Float,
   * Double, or null.
   *
   * @throws IllegalArgumentException naming the property and the value's type
   */
  public static Object requireValidValue(String name, Object value) {
    if (value instanceof String s) {
      Names.requireWholeCharacters("The value of property \"" + name + "\"", s);
    }
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Byte
        || value instanceof Short
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Float
        || value instanceof Double) {
      return value;
    }
    throw new IllegalArgumentException(
        "Property \""
            + name
            + "\" has a value of type "
            + value.getClass().getName()
            + ", which JMS properties cannot carry: use String, Boolean, Byte, Short, Integer, Long,"
            + " Float, Double or null.");
  }

  /**
   * Checks an entry of a map body: a non-empty name and a value of a type {@code MapMessage}
   * carries.
   */
  public static Object requireValidMapEntry(String name, Object value) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(
          "A map body entry name must not be "
              + (name == null ? "null" : "empty")
              + "; use a non-empty string such as \"amount\".");
    }
    Names.requireWholeCharacters("Map body entry name", name);
    if (value instanceof String s) {
      Names.requireWholeCharacters("The value of map body entry \"" + name + "\"", s);
    }
    if (value instanceof Character c && Character.isSurrogate(c)) {
      Names.requireWholeCharacters("The value of map body entry \"" + name + "\"", c.toString());
    }
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Byte
        || value instanceof Short
        || value instanceof Character
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Float
        || value instanceof Double
        || value instanceof byte[]) {
      return value;
    }
    throw new IllegalArgumentException(
        "Map body entry \""
            + name
            + "\" has a value of type "
            + value.getClass().getName()
            + ", which a MapMessage cannot carry: use String, Boolean, Byte, Short, Character,"
            + " Integer, Long, Float, Double, byte[] or null.");
  }
}
