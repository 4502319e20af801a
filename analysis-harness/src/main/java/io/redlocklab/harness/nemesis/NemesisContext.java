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
 * @param processes the clients' JVMs when they run as processes, else {@link ClientProcesses#NONE}
 */
public record NemesisContext(
    RunningCluster cluster,
    HistorySink history,
    MonotonicClock clock,
    ClientPauses pauses,
    List<DriftingClock> clientClocks,
    ClientProcesses processes) {

  /** Clients that run as threads. */
  public NemesisContext(
      RunningCluster cluster,
      HistorySink history,
      MonotonicClock clock,
      ClientPauses pauses,
      List<DriftingClock> clientClocks) {
    this(cluster, history, clock, pauses, clientClocks, ClientProcesses.NONE);
  }

  public NemesisContext {
    Objects.requireNonNull(processes, "processes");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(pauses, "pauses");
    clientClocks = List.copyOf(clientClocks);
  }
}
