package io.redlocklab.harness.nemesis;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.cluster.RunningCluster;
import io.redlocklab.harness.history.HistorySink;
import java.util.List;
import java.util.Objects;

/**
 * What nemeses act on and report to.
 *
 * @param cluster the running servers and links
 * @param history where nemesis events go
 * @param clock the run's one monotonic clock (history time)
 * @param pauses the registry the workload's clients call at their pause points
 * @param clientClocks client k's injected clock at index k (one per client)
 */
public record NemesisContext(
    RunningCluster cluster,
    HistorySink history,
    MonotonicClock clock,
    ClientPauses pauses,
    List<DriftingClock> clientClocks) {

  public NemesisContext {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(pauses, "pauses");
    clientClocks = List.copyOf(clientClocks);
  }
}
