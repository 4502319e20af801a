package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes, but no servers: runs with the unit tests. */
class ManagedProcessTest {

  @TempDir Path tmp;

  @Test
  void pidIsTheCommandsOwnAndStopEndsIt() throws IOException {
    ManagedProcess process =
        ManagedProcess.start(List.of("sleep", "30"), tmp, tmp.resolve("out.log"), Map.of());

    // The wrapper's forked child is "sh" until it execs the command: wait for the exec, bounded.
    assertThat(awaitComm(process, "sleep")).isEqualTo("sleep");
    assertThat(process.isAlive()).isTrue();

    process.stop();
    process.stop();

    assertThat(process.isAlive()).isFalse();
    assertThat(Path.of("/proc", Long.toString(process.pid()))).doesNotExist();
  }

  @Test
  void stopOnAnInterruptedThreadWaitsForTheEndAndKeepsTheInterrupt() throws IOException {
    ManagedProcess process =
        ManagedProcess.start(List.of("sleep", "30"), tmp, tmp.resolve("out.log"), Map.of());
    assertThat(awaitComm(process, "sleep")).isEqualTo("sleep");

    Thread.currentThread().interrupt(); // as Ctrl-C leaves the run thread
    try {
      process.stop();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(Path.of("/proc", Long.toString(process.pid()))).doesNotExist();
  }

  @Test
  void stopAndContinue() {
    ManagedProcess process =
        ManagedProcess.start(List.of("sleep", "30"), tmp, tmp.resolve("out.log"), Map.of());
    try {
      process.signal("STOP");
      awaitState(process, 'T');
      assertThat(process.isAlive()).isTrue();

      process.signal("CONT");
      awaitState(process, 'S');
    } finally {
      process.stop();
    }
    assertThatThrownBy(() -> process.signal("CONT")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void extraEnvironmentAndOutputReachTheLog() throws IOException {
    Path log = tmp.resolve("out.log");
    ManagedProcess process =
        ManagedProcess.start(
            List.of("sh", "-c", "echo \"greeting=$GREETING\"; echo oops >&2"),
            tmp,
            log,
            Map.of("GREETING", "hello"));

    assertThat(process.awaitDeath(Duration.ofSeconds(5))).isTrue();
    process.stop();

    assertThat(Files.readAllLines(log)).contains("greeting=hello", "oops");
  }

  @Test
  void aMissingCommandDiesAndSaysWhy() throws IOException {
    Path log = tmp.resolve("out.log");
    ManagedProcess process =
        ManagedProcess.start(List.of("/nonexistent/server"), tmp, log, Map.of());

    assertThat(process.awaitDeath(Duration.ofSeconds(5))).isTrue();
    process.stop();

    assertThat(Files.readString(log)).contains("/nonexistent/server");
  }

  private static String awaitComm(ManagedProcess process, String expected) throws IOException {
    Path comm = Path.of("/proc", Long.toString(process.pid()), "comm");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String seen = Files.readString(comm).trim();
    while (!seen.equals(expected) && System.nanoTime() < deadline) {
      ManagedProcess.sleepQuietly(5);
      seen = Files.readString(comm).trim();
    }
    return seen;
  }

  private static void awaitState(ManagedProcess process, char state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (process.state() != state) {
      assertThat(System.nanoTime() - deadline)
          .as("state %s, expected %s", process.state(), state)
          .isNegative();
      ManagedProcess.sleepQuietly(5);
    }
  }
}
