package io.github.qpidharness.internal;

import io.github.qpidharness.BrokerStartException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * A broker's work directory, locked for as long as the broker uses it. Not API.
 *
 * <p>A temporary one ({@value #TEMPORARY_PREFIX}...) is deleted on close, and by a shutdown hook
 * when the JVM ends without close (SIGTERM); one left by a killed JVM (SIGKILL) is deleted by the
 * next broker that starts on the machine, once its lock file names a process that no longer runs. A
 * user's directory is kept. Files holding the password are readable by the owner only, and live
 * only while Broker-J reads them.
 */
final class WorkDirectory implements AutoCloseable {
  static final String TEMPORARY_PREFIX = "qpid-harness-";
  static final String LOCK_FILE = "qpid-harness.lock";

  /**
   * Directories locked by brokers of this JVM. The file lock is held per process, so a second
   * broker of the same JVM cannot see it; worse, on Linux, closing any channel on the lock file
   * would release the first broker's lock. This set is the in-process half of the lock.
   */
  private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path path;
  private final Path key;
  private final boolean temporary;
  private final FileChannel channel;
  private final Thread cleanupHook;

  private WorkDirectory(Path path, Path key, boolean temporary, FileChannel channel) {
    this.path = path;
    this.key = key;
    this.temporary = temporary;
    this.channel = channel;
    this.cleanupHook =
        temporary ? new Thread(() -> FileTrees.deleteQuietly(path), "qpid-harness-cleanup") : null;
    if (cleanupHook != null) {
      Runtime.getRuntime().addShutdownHook(cleanupHook);
    }
  }

  /**
   * Opens {@code userDirectory} (created if missing), or a new temporary directory if it is null,
   * and locks it.
   *
   * @throws BrokerStartException naming the directory and the reason if it cannot be used
   */
  static WorkDirectory open(Path userDirectory) {
    boolean temporary = userDirectory == null;
    Path path;
    try {
      if (temporary) {
        sweepStaleTemporaryDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        path = Files.createTempDirectory(TEMPORARY_PREFIX, ownerOnly(OWNER_ONLY_DIRECTORY));
      } else {
        path = userDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
          Files.createDirectories(path, ownerOnly(OWNER_ONLY_DIRECTORY));
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new BrokerStartException(
          "Cannot create the broker's work directory "
              + (temporary ? "under " + System.getProperty("java.io.tmpdir") : userDirectory)
              + ": "
              + describe(e),
          e);
    }
    Path key = realPath(path);
    if (!LOCKED_HERE.add(key)) {
      throw lockedFailure(path, "another broker in this JVM uses it");
    }
    try {
      if (!Files.isWritable(path)) {
        throw new BrokerStartException(
            "Cannot use work directory " + path + ": it is not writable by this process.", null);
      }
      FileChannel channel = lock(path);
      return new WorkDirectory(path, key, temporary, channel);
    } catch (RuntimeException e) {
      LOCKED_HERE.remove(key);
      if (temporary) {
        FileTrees.deleteQuietly(path);
      }
      throw e;
    }
  }

  Path path() {
    return path;
  }

  boolean temporary() {
    return temporary;
  }

  /** Writes {@code content} to {@code name} in this directory, readable by the owner only. */
  Path writePrivate(String name, String content) throws IOException {
    Path file = path.resolve(name);
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, ownerOnly(OWNER_ONLY_FILE));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  /** Releases the lock, and deletes the directory if it is a temporary one. Idempotent. */
  @Override
  public void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock even when it reports an error.
    } finally {
      LOCKED_HERE.remove(key);
    }
    if (temporary) {
      FileTrees.deleteQuietly(path);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupHook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook runs anyway and finds nothing left to delete.
      }
    }
  }

  private static FileChannel lock(Path directory) {
    Path file = directory.resolve(LOCK_FILE);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new BrokerStartException(
          "Cannot use work directory "
              + directory
              + ": its lock file cannot be opened: "
              + describe(e),
          e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw lockedFailure(directory, "a broker in another process uses it" + owner(file));
      }
      // The pid goes in only once the lock is held: a sweeper reads it before it tries the lock.
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
      return channel;
    } catch (IOException | OverlappingFileLockException | BrokerStartException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof BrokerStartException start) {
        throw start;
      }
      throw new BrokerStartException(
          "Cannot lock work directory " + directory + ": " + describe(e), e);
    }
  }

  private static BrokerStartException lockedFailure(Path directory, String why) {
    return new BrokerStartException(
        "Cannot use work directory "
            + directory
            + ": it is locked ("
            + why
            + "). Close that broker first, or give this one another work directory.",
        null);
  }

  private static String owner(Path lockFile) {
    return readPid(lockFile).map(pid -> ", process " + pid).orElse("");
  }

  /**
   * Deletes the temporary work directories of harness brokers whose process no longer runs (a JVM
   * killed with SIGKILL runs no shutdown hook). Only directories with the harness's lock file, of a
   * process that is gone, and not locked by anyone.
   */
  static void sweepStaleTemporaryDirectories(Path tmp) {
    try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tmp, TEMPORARY_PREFIX + "*")) {
      for (Path candidate : candidates) {
        if (Files.isDirectory(candidate) && isStale(candidate)) {
          FileTrees.deleteQuietly(candidate);
        }
      }
    } catch (IOException | RuntimeException e) {
      LoggerFactory.getLogger(WorkDirectory.class).debug("Could not look for stale directories", e);
    }
  }

  private static boolean isStale(Path directory) {
    Path file = directory.resolve(LOCK_FILE);
    if (LOCKED_HERE.contains(realPath(directory)) || !Files.isRegularFile(file)) {
      return false;
    }
    Optional<Long> pid = readPid(file);
    if (pid.isEmpty()
        || pid.get() == ProcessHandle.current().pid()
        || ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      return channel.tryLock() != null;
    } catch (IOException | OverlappingFileLockException e) {
      return false;
    }
  }

  private static Optional<Long> readPid(Path lockFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(lockFile).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }

  private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
    boolean posix = Path.of("").getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static String describe(Exception e) {
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name exists (" + e.getMessage() + ")";
    }
    String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
    return e.getClass().getSimpleName() + detail;
  }
}
