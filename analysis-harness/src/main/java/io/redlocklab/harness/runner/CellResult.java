package io.redlocklab.harness.runner;

import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.checker.Outcome;
import java.util.Objects;

/**
 * The result of one (scenario, mode) cell: what was measured, or why it could not be.
 *
 * @param scenario the scenario's name
 * @param mode the lock mode's id
 * @param seed the seed the trial ran with ({@link Trials#seed} of the cell's base seed)
 * @param trial the trial index, 0 for the first (a results file from before trials reads as 0)
 * @param measurement null when the cell failed to run
 * @param error null unless the cell failed to run (a fault did not take effect, a server died...)
 * @param notApplicable null unless a fault cannot act on the mode's lock client: why; the cell was
 *     not run
 * @param historyFile the JSON Lines history, relative to the results directory; null when none
 * @param wallMillis wall time of the whole cell, set-up and tear-down included
 */
public record CellResult(
    String scenario,
    String mode,
    long seed,
    int trial,
    Measurement measurement,
    String error,
    String notApplicable,
    String historyFile,
    long wallMillis) {

  public CellResult {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(mode, "mode");
    int kinds =
        (measurement != null ? 1 : 0) + (error != null ? 1 : 0) + (notApplicable != null ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException(
          "a cell has exactly one of a measurement, an error or a not-applicable reason");
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
        0,
        Objects.requireNonNull(measurement, "measurement"),
        null,
        null,
        historyFile,
        wallMillis);
  }

  public static CellResult failed(
      String scenario, String mode, long seed, String error, String historyFile, long wallMillis) {
    return new CellResult(
        scenario,
        mode,
        seed,
        0,
        null,
        error == null ? "failed" : error,
        null,
        historyFile,
        wallMillis);
  }

  /** A cell that was not run because a fault cannot act on the mode's lock client. */
  public static CellResult notApplicable(String scenario, String mode, long seed, String why) {
    return new CellResult(
        scenario, mode, seed, 0, null, null, Objects.requireNonNull(why), null, 0);
  }

  /** The measured outcome; {@link Outcome#ERROR} when the cell failed. */
  public Outcome outcome() {
    if (notApplicable != null) {
      return Outcome.NOT_APPLICABLE;
    }
    return measurement == null ? Outcome.ERROR : measurement.outcome();
  }

  /**
   * Why the cell has no measurement, on one line: "not applicable: ..." or the error; null when it
   * was measured.
   */
  public String unmeasured() {
    if (notApplicable != null) {
      return "not applicable: " + notApplicable;
    }
    return error;
  }

  /** The same result with another history path (e.g. after the report copied it). */
  public CellResult withHistoryFile(String file) {
    return new CellResult(
        scenario, mode, seed, trial, measurement, error, notApplicable, file, wallMillis);
  }

  /** The same result as trial {@code index}. */
  public CellResult withTrial(int index) {
    return new CellResult(
        scenario, mode, seed, index, measurement, error, notApplicable, historyFile, wallMillis);
  }

  /** The same result with another wall time (tests compare runs modulo wall times). */
  public CellResult withWallMillis(long millis) {
    return new CellResult(
        scenario, mode, seed, trial, measurement, error, notApplicable, historyFile, millis);
  }
}
