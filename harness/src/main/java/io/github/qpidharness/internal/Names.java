package io.github.qpidharness.internal;

import java.util.regex.Pattern;

/** Checks the names users give to hosts, queues and topics before they reach the broker. */
public final class Names {
  /**
   * Broker-J itself puts no length limit on a virtual host node's name; 255 is the most that AMQP
   * 0-8 to 0-9-1 clients can name (a short string) and that a file system takes as the name of the
   * directory a persistent store keeps the host in.
   */
  static final int MAX_HOST_NAME_LENGTH = 255;

  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_HOST_NAME_LENGTH - 1) + "}");
  private static final int MAX_DESTINATION_LENGTH = 255;

  private Names() {}

  public static String requireValidHost(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "Host name must not be blank but was " + quote(name) + "; use e.g. \"orders-test\".");
    }
    if (name.length() > MAX_HOST_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "Host name "
              + quote(name.substring(0, 20) + "...")
              + " is "
              + name.length()
              + " characters long; use at most "
              + MAX_HOST_NAME_LENGTH
              + ", the longest name AMQP 0-x clients can send and a file system takes for the"
              + " directory of a persistent host.");
    }
    if (!HOST_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Host name "
              + quote(name)
              + " is invalid: use 1 to "
              + MAX_HOST_NAME_LENGTH
              + " letters, digits, '.', '_' or '-', starting with a letter or digit.");
    }
    return name;
  }

  public static String requireValidDestination(String kind, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          capitalize(kind) + " name must not be blank but was " + quote(name) + ".");
    }
    if (name.length() > MAX_DESTINATION_LENGTH) {
      throw new IllegalArgumentException(
          capitalize(kind)
              + " name "
              + quote(name.substring(0, 20) + "...")
              + " is "
              + name.length()
              + " characters long; the broker allows at most "
              + MAX_DESTINATION_LENGTH
              + ".");
    }
    requireWholeCharacters(capitalize(kind) + " name", name);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            capitalize(kind)
                + " name "
                + quote(name)
                + " contains whitespace or a control character at index "
                + i
                + "; use letters, digits and '.', '_', '-'.");
      }
      if (c == '/') {
        // Broker-J reads the address "x/y" as exchange x with routing key y (DestinationAddress,
        // Session_1_0): a queue "news/sport" would be the topic "news", filtered by "sport".
        throw new IllegalArgumentException(
            capitalize(kind)
                + " name "
                + quote(name)
                + " contains '/' at index "
                + i
                + ", which Broker-J reads as the end of an exchange name (\""
                + name.substring(0, i)
                + "\" with routing key \""
                + name.substring(i + 1)
                + "\"); use '.', '_' or '-' instead.");
      }
    }
    if (name.charAt(0) == '$') {
      throw new IllegalArgumentException(
          capitalize(kind)
              + " name "
              + quote(name)
              + " starts with '$', which Broker-J reserves for its system nodes ($management,"
              + " $virtualhostProperties); choose another name.");
    }
    if (name.startsWith("amq.") || name.startsWith("qpid.")) {
      throw new IllegalArgumentException(
          capitalize(kind)
              + " name "
              + quote(name)
              + " starts with a prefix the broker reserves ('amq.' or 'qpid.'); choose another"
              + " name.");
    }
    return name;
  }

  public static String requireValidSubscription(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "Subscription name must not be blank but was " + quote(name) + "; use e.g. \"audit\".");
    }
    requireWholeCharacters("Subscription name", name);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/') {
        throw new IllegalArgumentException(
            "Subscription name "
                + quote(name)
                + " contains whitespace, a control character or '/' at index "
                + i
                + "; use letters, digits and '.', '_', '-'.");
      }
    }
    return name;
  }

  /**
   * Rejects a lone UTF-16 surrogate: it has no UTF-8 encoding, and the client encodes it into a
   * frame the broker cannot read, so the broker closes the connection that every fixture of the
   * host shares ("Unknown type format-code", amqp:connection:framing-error).
   */
  public static void requireWholeCharacters(String what, String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            what
                + " contains a lone surrogate character (U+"
                + String.format("%04X", (int) c)
                + ") at index "
                + i
                + ", which has no UTF-8 encoding; use whole Unicode characters.");
      }
    }
  }

  public static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
