package io.redlocklab.harness.checker;

import java.util.Objects;

/**
 * How to judge one cell.
 *
 * @param fenced true when the mode hands out fencing tokens and the resource checks them: safety is
 *     then judged at the resource only (lease overlaps and late writes are reported, not counted)
 * @param window which acquire attempts the {@code unavailable} rule looks at
 * @param minSuccessRate below this acquire success rate (in the window) a safe cell is {@code
 *     unavailable}; in [0, 1]
 * @param maxExamples how many examples of each kind of violation to keep
 * @param crashRecoveryMillis liveness after a client crash: another client must be granted the lock
 *     within this many ms of a process-crash kill, else the cell is {@code unavailable}; 0 for no
 *     bound (then only "never again" counts)
 */
public record CheckSettings(
    boolean fenced,
    AvailabilityWindow window,
    double minSuccessRate,
    int maxExamples,
    long crashRecoveryMillis) {

  /** No bound on the recovery after a crash. */
  public CheckSettings(
      boolean fenced, AvailabilityWindow window, double minSuccessRate, int maxExamples) {
    this(fenced, window, minSuccessRate, maxExamples, 0);
  }

  public static final double DEFAULT_MIN_SUCCESS_RATE = 0.01;
  public static final int DEFAULT_MAX_EXAMPLES = 5;

  public CheckSettings {
    Objects.requireNonNull(window, "window");
    if (!(minSuccessRate >= 0 && minSuccessRate <= 1)) {
      throw new IllegalArgumentException("minSuccessRate must be in [0, 1], was " + minSuccessRate);
    }
    if (maxExamples < 0) {
      throw new IllegalArgumentException("maxExamples must be >= 0, was " + maxExamples);
    }
  }

  /** Whole-run window, 1 % threshold, 5 examples. */
  public static CheckSettings defaults(boolean fenced) {
    return new CheckSettings(
        fenced, AvailabilityWindow.RUN, DEFAULT_MIN_SUCCESS_RATE, DEFAULT_MAX_EXAMPLES);
  }
}
