package io.redlocklab.harness.runner;

import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.checker.Outcome;
import java.util.Objects;

/**
 * The result of one (scenario, mode) cell: what was measured, or why it could not be.
 *
 * @param scenario the scenario's name
 * @param mode the lock mode's id
 * @param seed the seed the cell ran with
 * @param measurement null when the cell failed to run
 * @param error null unless the cell failed to run (a fault did not take effect, a server died...)
 * @param historyFile the JSON Lines history, relative to the results directory; null when none
 * @param wallMillis wall time of the whole cell, set-up and tear-down included
 */
public record CellResult(
    String scenario,
    String mode,
    long seed,
    Measurement measurement,
    String error,
    String historyFile,
    long wallMillis) {

  public CellResult {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(mode, "mode");
    if ((measurement == null) == (error == null)) {
      throw new IllegalArgumentException("a cell has either a measurement or an error");
    }
  }

  public static CellResult measured(
      String scenario,
      String mode,
      long seed,
      Measurement measurement,
      String historyFile,
      long wallMillis) {
    return new CellResult(
        scenario,
        mode,
        seed,
        Objects.requireNonNull(measurement, "measurement"),
        null,
        historyFile,
        wallMillis);
  }

  public static CellResult failed(
      String scenario, String mode, long seed, String error, String historyFile, long wallMillis) {
    return new CellResult(
        scenario, mode, seed, null, error == null ? "failed" : error, historyFile, wallMillis);
  }

  /** The measured outcome; {@link Outcome#ERROR} when the cell failed. */
  public Outcome outcome() {
    return measurement == null ? Outcome.ERROR : measurement.outcome();
  }

  /** The same result with another history path (e.g. after the report copied it). */
  public CellResult withHistoryFile(String file) {
    return new CellResult(scenario, mode, seed, measurement, error, file, wallMillis);
  }
}
