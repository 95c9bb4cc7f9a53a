package io.github.qpidharness.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which directories the sweep after a killed JVM deletes: only the harness's, of dead processes.
 */
class WorkDirectorySweepTest {
  @TempDir Path tmp;

  @Test
  void deletesOnlyHarnessDirectoriesWhoseProcessIsGone() throws Exception {
    Path dead = harnessDirectory("qpid-harness-dead", Long.toString(deadPid()));
    Path alive = harnessDirectory("qpid-harness-alive", Long.toString(livePid()));
    Path noLock = Files.createDirectory(tmp.resolve("qpid-harness-no-lock"));
    Path noPid = harnessDirectory("qpid-harness-no-pid", "");
    Path notOurs = harnessDirectory("other-dead", Long.toString(deadPid()));

    WorkDirectory.sweepStaleTemporaryDirectories(tmp);

    assertThat(dead).doesNotExist();
    assertThat(alive).isDirectory();
    assertThat(noLock).isDirectory();
    assertThat(noPid).isDirectory();
    assertThat(notOurs).isDirectory();
  }

  @Test
  void leavesTheDirectoryOfABrokerRunningInThisJvm() {
    try (WorkDirectory running = WorkDirectory.open(null)) {
      WorkDirectory.sweepStaleTemporaryDirectories(running.path().getParent());

      assertThat(running.path()).isDirectory();
    }
  }

  private Path harnessDirectory(String name, String pid) throws IOException {
    Path directory = Files.createDirectory(tmp.resolve(name));
    Files.writeString(directory.resolve(WorkDirectory.LOCK_FILE), pid);
    Files.writeString(directory.resolve("initial-config.json"), "{}");
    return directory;
  }

  /** The pid of a process that has ended. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process.pid();
  }

  private static long livePid() {
    return ProcessHandle.current().parent().orElseThrow().pid();
  }
}
