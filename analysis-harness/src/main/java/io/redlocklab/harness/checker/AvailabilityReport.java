package io.redlocklab.harness.checker;

import java.util.List;

/**
 * Availability and latency of acquire.
 *
 * @param attempts acquire invocations
 * @param granted acquire {@code ok}
 * @param refused acquire {@code fail} (taken by another holder, quorum unreachable, too little
 *     validity left)
 * @param unknown acquire {@code info}
 * @param successRate granted / attempts over the run (0 when no attempt)
 * @param window the window the {@code unavailable} rule looks at
 * @param windowAttempts acquire attempts that ended inside the window
 * @param windowSuccessRate granted / attempts among those (0 when none ended there: nothing was
 *     granted)
 * @param usefulCycles leases with at least one accepted write: the work the lock let through
 * @param acquireP50Millis median of invoke→ok, per client pairs; null without any ok
 * @param acquireP99Millis 99th percentile (nearest rank) of the same
 * @param recoveries per healed fault: time from its {@code stop} to the next granted lease
 * @param crashRecoveries per client JVM killed by process-crash: time from the kill to the next
 *     lease granted to another client (liveness)
 */
public record AvailabilityReport(
    long attempts,
    long granted,
    long refused,
    long unknown,
    double successRate,
    AvailabilityWindow window,
    long windowAttempts,
    double windowSuccessRate,
    long usefulCycles,
    Double acquireP50Millis,
    Double acquireP99Millis,
    List<Recovery> recoveries,
    List<Recovery> crashRecoveries) {

  public AvailabilityReport {
    recoveries = List.copyOf(recoveries);
    crashRecoveries = List.copyOf(crashRecoveries);
  }

  /** The longest recovery in ms; null when no fault healed, infinite when one never recovered. */
  public Double maxRecoveryMillis() {
    Double max = null;
    for (Recovery recovery : recoveries) {
      double ms = recovery.millis() == null ? Double.POSITIVE_INFINITY : recovery.millis();
      max = max == null ? ms : Math.max(max, ms);
    }
    return max;
  }

  /**
   * @param millis from the heal to the first acquire {@code ok} at or after it; null when none came
   */
  public record Recovery(String nemesis, long healedNanos, Double millis) {}
}
