package io.github.qpidharness.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Deletes directory trees the harness created. */
final class FileTrees {
  private FileTrees() {}

  static void deleteQuietly(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(FileTrees::deleteOne);
    } catch (IOException | RuntimeException e) {
      LoggerFactory.getLogger(FileTrees.class).warn("Could not delete {}", root, e);
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new IllegalStateException("Could not delete " + path + ": " + e.getMessage(), e);
    }
  }
}
