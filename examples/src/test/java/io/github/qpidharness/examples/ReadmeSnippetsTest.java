package io.github.qpidharness.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's code honest: every block marked {@code <!-- snippet:NAME (from PATH ...) -->}
 * must equal the region between {@code // snippet:start NAME} and {@code // snippet:end NAME} in
 * that compiled example. Run with {@code -Dreadme.update=true} to rewrite the README from the
 * examples.
 */
class ReadmeSnippetsTest {
  private static final Pattern MARKED_BLOCK =
      Pattern.compile(
          "<!-- snippet:([\\w-]+) \\(from ([^;\\s]+)[^>]*-->\\n```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeCodeBlocksMatchTheCompiledExamples() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path readme = root.resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    Matcher matcher = MARKED_BLOCK.matcher(text);
    StringBuilder updated = new StringBuilder();
    List<String> checked = new ArrayList<>();
    while (matcher.find()) {
      String name = matcher.group(1);
      String expected = region(root.resolve(matcher.group(2)), name);
      if (Boolean.getBoolean("readme.update")) {
        matcher.appendReplacement(
            updated,
            Matcher.quoteReplacement(
                matcher.group().replace("```java\n" + matcher.group(3), "```java\n" + expected)));
      } else {
        assertThat(matcher.group(3))
            .as(
                "README snippet '%s' differs from %s; rerun with -Dreadme.update=true",
                name, matcher.group(2))
            .isEqualTo(expected);
      }
      checked.add(name);
    }
    if (Boolean.getBoolean("readme.update")) {
      matcher.appendTail(updated);
      Files.writeString(readme, updated.toString(), StandardCharsets.UTF_8);
    }
    assertThat(checked)
        .containsExactlyInAnyOrder(
            "queue-vs-topic",
            "code-under-test",
            "plain-java",
            "soft-assertions",
            "broker-restart",
            "journal",
            "settled");
  }

  /** The lines between the snippet markers, without their common indentation. */
  private static String region(Path source, String name) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    int start = indexOf(lines, "// snippet:start " + name, source);
    int end = indexOf(lines, "// snippet:end " + name, source);
    List<String> body = lines.subList(start + 1, end);
    int indent =
        body.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    for (String line : body) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }

  private static int indexOf(List<String> lines, String marker, Path source) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("Marker '" + marker + "' not found in " + source);
  }
}
