package io.redlocklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Process checks for the server ITs. */
final class Processes {

  private Processes() {}

  /** Pids whose command line mentions {@code text} (pgrep -f), other than pgrep itself. */
  static List<Long> matching(String text) {
    try {
      Process pgrep = new ProcessBuilder("pgrep", "-f", "--", text).start();
      String out = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      pgrep.waitFor();
      return out.lines().map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until no process has pid {@code pid}; true when none has. */
  static boolean awaitGone(long pid, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!Path.of("/proc/" + pid).toFile().exists()) {
        return true;
      }
      ManagedProcess.sleepQuietly(20);
    }
    return false;
  }

  /** Asserts that every pid is gone within 5 s. */
  static void assertAllGone(List<Long> pids) {
    pids.forEach(
        pid ->
            org.assertj.core.api.Assertions.assertThat(awaitGone(pid, Duration.ofSeconds(5)))
                .as("pid %d gone", pid)
                .isTrue());
  }

  /** Polls {@code condition} until it holds; false on timeout. */
  static boolean await(Duration timeout, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      ManagedProcess.sleepQuietly(50);
    }
    return condition.getAsBoolean();
  }
}
