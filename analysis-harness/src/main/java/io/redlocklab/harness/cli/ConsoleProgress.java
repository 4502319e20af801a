package io.redlocklab.harness.cli;

import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.runner.ProgressListener;
import io.redlocklab.harness.scenario.Prediction;
import io.redlocklab.harness.scenario.Suite;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Live progress on stderr. On a terminal, with one cell at a time, one line is rewritten in place
 * (scenario, mode, time, cycles, violations so far); otherwise plain lines: one when a cell starts,
 * one every few seconds, one when it ends. Cells running side by side ({@code --parallel}) each
 * print their own lines, named by their label.
 */
final class ConsoleProgress {

  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream err;
  private final boolean rewrite;
  private final int total;
  private int index;

  /**
   * @param parallel cells that may run at once; above 1 lines are never rewritten in place
   */
  ConsoleProgress(PrintStream err, boolean terminal, int total, int parallel) {
    this.err = err;
    this.rewrite = terminal && parallel == 1;
    this.total = total;
  }

  /** One cell's trial under way: its label, start and last plain line. */
  final class Running implements ProgressListener {
    private final String label;
    private final long startedNanos = System.nanoTime();
    private long lastPlainNanos = startedNanos;

    private Running(String label) {
      this.label = label;
    }

    @Override
    public void update(long cycles, long violations) {
      synchronized (ConsoleProgress.this) {
        long now = System.nanoTime();
        String line =
            String.format(
                Locale.ROOT,
                "%s  %.0f s  cycles %d  violations %d",
                label,
                (now - startedNanos) / 1e9,
                cycles,
                violations);
        if (rewrite) {
          err.print("\r\033[K" + line);
          err.flush();
        } else if (now - lastPlainNanos >= PLAIN_EVERY_NANOS) {
          lastPlainNanos = now;
          err.println(line);
        }
      }
    }

    /** The trial ended with {@code result}; prints its verdict against {@code prediction}. */
    void finish(CellResult result, Prediction prediction) {
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
      synchronized (ConsoleProgress.this) {
        err.println((rewrite ? "\r\033[K" : "") + line);
        err.flush();
      }
    }
  }

  /** Trial {@code trial} of {@code cell} starts; the label names the trial when K > 1. */
  synchronized Running start(Suite.Cell cell, int trial) {
    index++;
    Running running =
        new Running(
            "["
                + index
                + "/"
                + total
                + "] "
                + cell.scenario().name()
                + " × "
                + cell.mode().id()
                + (cell.trials() > 1 ? " trial " + (trial + 1) + "/" + cell.trials() : ""));
    if (rewrite) {
      err.print("\r\033[K" + running.label + " starting");
    } else {
      err.println(running.label + " ...");
    }
    err.flush();
    return running;
  }
}
