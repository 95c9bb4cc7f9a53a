package io.github.qpidharness.internal;

import org.apache.qpid.server.logging.LogMessage;
import org.apache.qpid.server.logging.LogSubject;
import org.apache.qpid.server.logging.MessageLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Broker-J's operational log (hundreds of INFO lines per run) to SLF4J at DEBUG, so a test
 * run's output stays readable unless the user turns the {@code qpid.message} loggers up.
 */
final class QuietMessageLogger implements MessageLogger {
  private static final String PREFIX = "qpid.message.";

  @Override
  public boolean isEnabled() {
    return LoggerFactory.getLogger("qpid.message").isDebugEnabled();
  }

  @Override
  public boolean isMessageEnabled(String logHierarchy) {
    return LoggerFactory.getLogger(PREFIX + logHierarchy).isDebugEnabled();
  }

  @Override
  public void message(LogMessage message) {
    Logger logger = LoggerFactory.getLogger(PREFIX + message.getLogHierarchy());
    if (logger.isDebugEnabled()) {
      logger.debug("{}", message);
    }
  }

  @Override
  public void message(LogSubject subject, LogMessage message) {
    Logger logger = LoggerFactory.getLogger(PREFIX + message.getLogHierarchy());
    if (logger.isDebugEnabled()) {
      logger.debug("{} {}", subject.toLogString(), message);
    }
  }
}
