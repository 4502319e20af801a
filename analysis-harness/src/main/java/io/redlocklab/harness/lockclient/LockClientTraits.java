package io.redlocklab.harness.lockclient;

import io.redlocklab.harness.nemesis.PausePoint;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a lock client can take part in, declared by its mode, so that a fault it cannot feel makes
 * the cell <em>not applicable</em> instead of a silent pass.
 *
 * @param injectedClock validity is measured on {@link LockClientContext#clock()}, so the
 *     client-clock fault acts on it
 * @param pausePoints where a client-pause fault can stop the client: after-acquire and
 *     before-release are the workload's own steps; during-acquire needs the client to report {@link
 *     LeaseEvents#requestsSent()}, during-renewal {@link LeaseEvents#renewalSent()}
 * @param fencing leases carry a token and the resource checks it
 * @param watchdog the client renews held leases itself (the scenario's {@code watchdog} setting
 *     turns it on, or the client always does)
 */
public record LockClientTraits(
    boolean injectedClock, Set<PausePoint> pausePoints, boolean fencing, boolean watchdog) {

  public LockClientTraits {
    pausePoints = Set.copyOf(pausePoints);
  }

  /** Every pause point; the workload's own two plus during-acquire and during-renewal. */
  public static Set<PausePoint> allPausePoints() {
    return EnumSet.allOf(PausePoint.class);
  }

  /** The two points the workload has around any client: after acquire and before release. */
  public static Set<PausePoint> workloadPausePoints() {
    return EnumSet.of(PausePoint.AFTER_ACQUIRE, PausePoint.BEFORE_RELEASE);
  }
}
