package io.github.qpidharness.junit5;

import io.github.qpidharness.TestBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Adds what the failed test's host published to the failure, so a CI log shows it next to the
 * assertion: as a suppressed exception (printed under the failure's stack trace by IDEs, Maven and
 * Gradle) and as a report entry {@value #KEY}.
 */
final class JournalReport {
  /** The report entry key. */
  static final String KEY = "qpid-harness.journal";

  /** Entries listed at most; a failure log stays readable and the report bounded. */
  static final int MAX_ENTRIES = 20;

  private JournalReport() {}

  /** Adds the journal of {@code host} (if it has one) to {@code failure}; returns the failure. */
  static Throwable addTo(Throwable failure, TestBroker host, ExtensionContext context) {
    if (host == null || failure instanceof TestAbortedException) {
      return failure;
    }
    String report;
    try {
      report = host.journal().report(MAX_ENTRIES);
    } catch (RuntimeException e) {
      // A closed host has no journal to show; the failure stands as it is.
      return failure;
    }
    failure.addSuppressed(new PublishedMessages(report));
    context.publishReportEntry(KEY, report);
    return failure;
  }

  /** Carries the report; its stack trace would only point into the extension. */
  static final class PublishedMessages extends Exception {
    private static final long serialVersionUID = 1L;

    PublishedMessages(String report) {
      super(report, null, false, false);
    }

    @Override
    public String toString() {
      // The report reads without the class name in front.
      return getMessage();
    }
  }
}
