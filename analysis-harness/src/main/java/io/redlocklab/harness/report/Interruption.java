package io.redlocklab.harness.report;

/**
 * Why a run's results are partial: it was stopped (Ctrl-C, SIGTERM) before its end.
 *
 * @param signal {@code SIGINT}, {@code SIGTERM}, or {@code shutdown} when the JVM was told to stop
 *     another way
 * @param phase what the run was doing at that moment, e.g. {@code cell 2/4 tiny × redlock-3:
 *     starting servers} or {@code writing the report}
 * @param cellsCompleted trials (of cells) whose results were recorded before the signal
 * @param cellsPlanned trials the run (or this shard) was to run
 */
public record Interruption(String signal, String phase, int cellsCompleted, int cellsPlanned) {

  /** One line for the console and the report. */
  public String describe() {
    return "interrupted by "
        + signal
        + " during "
        + phase
        + " after "
        + cellsCompleted
        + " of "
        + cellsPlanned
        + " cells";
  }
}
