package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirsTest {

  @TempDir Path temp;

  @Test
  void runDirsAreNamedAfterTheirJvm() {
    Path dir = RunDirs.create("unit");
    try {
      assertThat(dir.getFileName().toString())
          .startsWith(RunDirs.PREFIX + ProcessHandle.current().pid() + "-unit-");
      assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    } finally {
      RunDirs.deleteUnlessKept(dir);
    }
  }

  @Test
  void onlyRunDirsOfGoneJvmsAreCleaned() throws Exception {
    long dead = deadPid();
    long live = ProcessHandle.current().pid();
    Path stale = Files.createDirectories(temp.resolve(RunDirs.PREFIX + dead + "-cluster-1/n0"));
    Path ours = Files.createDirectories(temp.resolve(RunDirs.PREFIX + live + "-cluster-2"));
    Path kept = Files.createDirectories(temp.resolve(RunDirs.PREFIX + dead + "-nodes-3"));
    Files.writeString(kept.resolve(RunDirs.KEPT_MARKER), "kept");
    Path other = Files.createDirectories(temp.resolve("redlock-lab-other-" + dead));
    // A live pid that started long after the directory last changed: a reused pid.
    Path reused = Files.createDirectories(temp.resolve(RunDirs.PREFIX + live + "-cluster-4"));
    Files.setLastModifiedTime(reused, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));

    assertThat(RunDirs.cleanStale(temp)).containsExactlyInAnyOrder(stale.getParent(), reused);

    assertThat(stale.getParent()).doesNotExist();
    assertThat(reused).doesNotExist();
    assertThat(ours).isDirectory();
    assertThat(kept).isDirectory();
    assertThat(other).isDirectory();
  }

  /** The pid of a process that has exited (and been reaped). */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    assertThat(ProcessHandle.of(process.pid())).isEmpty();
    return process.pid();
  }
}
