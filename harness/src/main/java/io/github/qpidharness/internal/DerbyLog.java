package io.github.qpidharness.internal;

import java.io.Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Apache Derby writes its log (system property {@code derby.stream.error.method}): to SLF4J,
 * its boot and shutdown banners (several lines per host start and stop) at DEBUG, errors at WARN.
 * Not API.
 */
public final class DerbyLog extends Writer {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.qpidharness.derby");
  private static final DerbyLog INSTANCE = new DerbyLog();

  private final ThreadLocal<StringBuilder> buffer = ThreadLocal.withInitial(StringBuilder::new);

  private DerbyLog() {}

  /** The writer Derby calls for, by the name of this method. */
  public static Writer writer() {
    return INSTANCE;
  }

  @Override
  public void write(char[] chars, int offset, int length) {
    buffer.get().append(chars, offset, length);
  }

  @Override
  public void flush() {
    StringBuilder text = buffer.get();
    String message = text.toString().strip();
    text.setLength(0);
    if (message.isEmpty() || message.chars().allMatch(c -> c == '-')) {
      return;
    }
    if (message.contains("ERROR") || message.contains("Exception")) {
      LOG.warn(message);
    } else {
      LOG.debug(message);
    }
  }

  @Override
  public void close() {
    flush();
  }
}
