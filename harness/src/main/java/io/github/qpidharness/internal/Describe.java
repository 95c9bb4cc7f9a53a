package io.github.qpidharness.internal;

import io.github.qpidharness.OutgoingMessage;
import io.github.qpidharness.ReceivedMessage;
import io.github.qpidharness.SentMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Short, readable renderings of messages, values and durations for failure messages. */
public final class Describe {
  /** Longest string shown in full; longer ones are cut and end in "...". */
  public static final int MAX_TEXT = 60;

  /** Most messages listed in one failure; the rest are counted. */
  public static final int MAX_MESSAGES = 10;

  private static final int MAX_ENTRIES = 8;

  private Describe() {}

  /** {@code 200 ms}, {@code 5 s}, {@code 5.003 s}; whole seconds for durations past ~292 Myears. */
  public static String duration(Duration d) {
    long millis = Durations.millis(d);
    if (millis == Long.MAX_VALUE) {
      return d.getSeconds() + " s";
    }
    if (millis < 1000) {
      return millis + " ms";
    }
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
  }

  /** The time since {@code startNanos} (a {@link System#nanoTime()} value). */
  public static String since(long startNanos) {
    return duration(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** A value as Java source would write it, strings quoted and cut to {@value #MAX_TEXT} chars. */
  public static String value(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + shorten(s) + "\"";
    }
    if (value instanceof byte[] b) {
      return "byte[" + b.length + "]";
    }
    if (value instanceof Character c) {
      return "'" + c + "'";
    }
    if (value instanceof Long l) {
      return l + "L";
    }
    if (value instanceof Float f) {
      return f + "f";
    }
    if (value instanceof Map<?, ?> map) {
      return map(map);
    }
    return shorten(String.valueOf(value));
  }

  /** A value with its type, e.g. {@code 7 (Integer)}, to show why equal-looking values differ. */
  public static String typed(Object value) {
    return value == null ? "null" : value(value) + " (" + value.getClass().getSimpleName() + ")";
  }

  /** {@code {a=1, b="x"}}, at most {@value #MAX_ENTRIES} entries. */
  public static String map(Map<?, ?> map) {
    StringBuilder s = new StringBuilder("{");
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    for (int i = 0; entries.hasNext(); i++) {
      Map.Entry<?, ?> entry = entries.next();
      if (i == MAX_ENTRIES) {
        s.append(", ...").append(map.size() - MAX_ENTRIES).append(" more");
        break;
      }
      s.append(i == 0 ? "" : ", ")
          .append(entry.getKey())
          .append('=')
          .append(value(entry.getValue()));
    }
    return s.append('}').toString();
  }

  /** The body of a message: quoted text, {@code byte[n]}, a map, an object or {@code (no body)}. */
  public static String body(ReceivedMessage message) {
    switch (message.bodyType()) {
      case TEXT:
        return value(message.text());
      case BYTES:
        return "byte[" + message.bytesView().remaining() + "]";
      case MAP:
        return "map " + map(message.mapBody());
      case OBJECT:
        try {
          return "object " + value(message.object());
        } catch (IllegalStateException e) {
          return "object (not deserializable)";
        }
      case NONE:
        return "(no body)";
      default:
        return "(" + message.bodyType() + " body)";
    }
  }

  /** Body, then properties, then the JMS type when set: {@code "hi" {type="test"}}. */
  public static String message(ReceivedMessage message) {
    String s = body(message) + " " + map(message.properties());
    return message.type() == null ? s : s + " JMSType=" + value(message.type());
  }

  /** Numbered lines, one per message, at most {@value #MAX_MESSAGES}, each indented two spaces. */
  public static String messages(List<ReceivedMessage> messages) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      if (i == MAX_MESSAGES) {
        s.append("\n  ... and ").append(messages.size() - MAX_MESSAGES).append(" more");
        break;
      }
      s.append("\n  ").append(i + 1).append(". ").append(message(messages.get(i)));
    }
    return s.toString();
  }

  /** The id, body and properties of a sent message: {@code ID:... "hi" {type="test"}}. */
  public static String sent(SentMessage sent) {
    OutgoingMessage m = sent.message();
    String body =
        switch (m.bodyType()) {
          case TEXT -> value(m.text());
          case BYTES -> "byte[" + m.bytesView().remaining() + "]";
          case MAP -> "map " + map(m.mapBody());
          case OBJECT -> "object " + value(m.object());
          default -> "(" + m.bodyType() + " body)";
        };
    return sent.messageId() + " " + body + " " + map(m.properties());
  }

  /** {@code 1 message} or {@code 3 messages}. */
  public static String count(int n) {
    return n + (n == 1 ? " message" : " messages");
  }

  private static String shorten(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "...";
  }
}
