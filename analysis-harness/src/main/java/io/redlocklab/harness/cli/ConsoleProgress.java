package io.redlocklab.harness.cli;

import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.runner.ProgressListener;
import io.redlocklab.harness.scenario.Prediction;
import io.redlocklab.harness.scenario.Suite;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Live progress on stderr. On a terminal one line is rewritten in place (scenario, mode, time,
 * cycles, violations so far); otherwise plain lines: one when a cell starts, one every few seconds,
 * one when it ends.
 */
final class ConsoleProgress {

  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream err;
  private final boolean terminal;
  private final int total;
  private int index;
  private String label = "";
  private long startedNanos;
  private long lastPlainNanos;

  ConsoleProgress(PrintStream err, boolean terminal, int total) {
    this.err = err;
    this.terminal = terminal;
    this.total = total;
  }

  synchronized ProgressListener start(Suite.Cell cell) {
    return start(cell, 0);
  }

  /** Trial {@code trial} of {@code cell} starts; the label names the trial when K > 1. */
  synchronized ProgressListener start(Suite.Cell cell, int trial) {
    index++;
    label =
        "["
            + index
            + "/"
            + total
            + "] "
            + cell.scenario().name()
            + " × "
            + cell.mode().id()
            + (cell.trials() > 1 ? " trial " + (trial + 1) + "/" + cell.trials() : "");
    startedNanos = System.nanoTime();
    lastPlainNanos = startedNanos;
    if (terminal) {
      err.print("\r\033[K" + label + " starting");
    } else {
      err.println(label + " ...");
    }
    err.flush();
    return this::update;
  }

  private synchronized void update(long cycles, long violations) {
    long now = System.nanoTime();
    String line =
        String.format(
            Locale.ROOT,
            "%s  %.0f s  cycles %d  violations %d",
            label,
            (now - startedNanos) / 1e9,
            cycles,
            violations);
    if (terminal) {
      err.print("\r\033[K" + line);
      err.flush();
    } else if (now - lastPlainNanos >= PLAIN_EVERY_NANOS) {
      lastPlainNanos = now;
      err.println(line);
    }
  }

  synchronized void finish(CellResult result, Prediction prediction) {
    boolean matches = prediction != null && prediction.matches(result.outcome());
    String counts =
        result.measurement() == null
            ? result.unmeasured()
            : result.measurement().violations()
                + "/"
                + result.measurement().cycles()
                + " violations";
    String line =
        String.format(
            Locale.ROOT,
            "%s  %s %s%s  %s  %.1f s",
            label,
            matches ? "✓" : "✗",
            result.outcome(),
            matches || prediction == null ? "" : " (predicted " + prediction.outcome() + ")",
            counts,
            result.wallMillis() / 1000.0);
    err.println((terminal ? "\r\033[K" : "") + line);
    err.flush();
  }
}
