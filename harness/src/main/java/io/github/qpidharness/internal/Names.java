package io.github.qpidharness.internal;

import java.util.regex.Pattern;

/** Checks the names users give to hosts, queues and topics before they reach the broker. */
public final class Names {
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_DESTINATION_LENGTH = 255;

  private Names() {}

  public static String requireValidHost(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "Host name must not be blank but was " + quote(name) + "; use e.g. \"orders-test\".");
    }
    if (!HOST_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Host name "
              + quote(name)
              + " is invalid: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit.");
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

  public static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
