package io.github.qpidharness.junit5;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Keeps the log lines a test provokes on purpose out of the build log, so that a green build is a
 * quiet one: while the test runs, standard error (where slf4j-simple writes, looking it up on every
 * line) is captured; afterwards every captured line is written through, except the log entries
 * (with their stack traces) that match one of the patterns. A warning nobody expected still shows.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ExpectedLog.Capture.class)
@interface ExpectedLog {

  /** Regular expressions, each found somewhere in an expected log line. */
  String[] value();

  /** Swaps standard error for a buffer around each test. */
  final class Capture implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(Capture.class);

    private record Swap(PrintStream original, ByteArrayOutputStream buffer) {}

    @Override
    public void beforeEach(ExtensionContext context) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      context.getStore(NAMESPACE).put(Swap.class, new Swap(System.err, buffer));
      System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
      Swap swap = context.getStore(NAMESPACE).remove(Swap.class, Swap.class);
      System.setErr(swap.original());
      List<Pattern> expected =
          Stream.concat(
                  context.getTestMethod().stream()
                      .flatMap(
                          m -> AnnotationSupport.findAnnotation(m, ExpectedLog.class).stream()),
                  context.getTestClass().stream()
                      .flatMap(
                          c -> AnnotationSupport.findAnnotation(c, ExpectedLog.class).stream()))
              .flatMap(annotation -> Stream.of(annotation.value()))
              .map(Pattern::compile)
              .toList();
      boolean dropping = false;
      for (String line : swap.buffer().toString(StandardCharsets.UTF_8).split("\n", -1)) {
        // slf4j-simple starts each entry with "[thread]"; other lines continue the entry before.
        if (line.startsWith("[")) {
          dropping = expected.stream().anyMatch(p -> p.matcher(line).find());
        }
        if (!dropping && !line.isEmpty()) {
          swap.original().println(line);
        }
      }
    }
  }
}
