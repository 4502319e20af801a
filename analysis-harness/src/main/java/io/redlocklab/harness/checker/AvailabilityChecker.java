package io.redlocklab.harness.checker;

import io.redlocklab.harness.checker.AvailabilityReport.Recovery;
import io.redlocklab.harness.checker.ResourceOp.Status;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.Ops;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Acquire success rate (overall and in a window), latency percentiles, recovery after heals. */
final class AvailabilityChecker {

  private AvailabilityChecker() {}

  static AvailabilityReport check(Findings findings, AvailabilityWindow window) {
    List<NemesisWindow> faults = findings.faults();
    List<long[]> spans = spans(window, faults, findings.startNanos(), findings.endNanos());

    long attempts = 0;
    long granted = 0;
    long refused = 0;
    long unknown = 0;
    long windowAttempts = 0;
    long windowGranted = 0;
    List<Long> latencies = new ArrayList<>();
    List<Long> grantTimes = new ArrayList<>();
    List<HistoryRecord> grants = new ArrayList<>();
    Map<String, Long> pending = new HashMap<>();
    for (HistoryRecord r : findings.records()) {
      if (!Ops.ACQUIRE.equals(r.op()) || HistoryRecord.NEMESIS.equals(r.process())) {
        continue;
      }
      if (HistoryRecord.INVOKE.equals(r.type())) {
        attempts++;
        pending.put(r.process(), r.timeNanos());
        continue;
      }
      Long invokedAt = pending.remove(r.process());
      boolean ok = HistoryRecord.OK.equals(r.type());
      if (ok) {
        granted++;
        grantTimes.add(r.timeNanos());
        grants.add(r);
        if (invokedAt != null) {
          latencies.add(r.timeNanos() - invokedAt);
        }
      } else if (HistoryRecord.FAIL.equals(r.type())) {
        refused++;
      } else {
        unknown++;
      }
      if (inside(spans, r.timeNanos())) {
        windowAttempts++;
        windowGranted += ok ? 1 : 0;
      }
    }

    Set<String> useful = new HashSet<>();
    for (ResourceOp op : findings.ops()) {
      if (op.isWrite() && op.status() == Status.ACCEPTED && op.leaseValue() != null) {
        useful.add(op.leaseValue());
      }
    }

    List<Recovery> recoveries = new ArrayList<>();
    for (NemesisWindow fault : faults) {
      if (fault.healed()) {
        Long next = grantTimes.stream().filter(t -> t >= fault.endNanos()).findFirst().orElse(null);
        recoveries.add(
            new Recovery(
                fault.nemesis(),
                fault.endNanos(),
                next == null ? null : (next - fault.endNanos()) / 1e6));
      }
    }

    List<Recovery> crashRecoveries = new ArrayList<>();
    for (HistoryRecord r : findings.records()) {
      int killed = Ops.killedClient(r);
      if (killed < 0) {
        continue;
      }
      String victim = Ops.client(killed);
      Long next =
          grants.stream()
              .filter(g -> g.timeNanos() >= r.timeNanos() && !g.process().equals(victim))
              .map(HistoryRecord::timeNanos)
              .findFirst()
              .orElse(null);
      crashRecoveries.add(
          new Recovery(
              r.op() + " of " + victim,
              r.timeNanos(),
              next == null ? null : (next - r.timeNanos()) / 1e6));
    }

    latencies.sort(null);
    return new AvailabilityReport(
        attempts,
        granted,
        refused,
        unknown,
        rate(granted, attempts),
        window,
        windowAttempts,
        rate(windowGranted, windowAttempts),
        useful.size(),
        percentileMillis(latencies, 0.50),
        percentileMillis(latencies, 0.99),
        recoveries,
        crashRecoveries);
  }

  /** The spans of the window; a fault window falls back to the whole run when no fault ran. */
  private static List<long[]> spans(
      AvailabilityWindow window, List<NemesisWindow> faults, long runStart, long runEnd) {
    List<long[]> run = List.<long[]>of(new long[] {runStart, runEnd});
    if (faults.isEmpty()) {
      return run;
    }
    return switch (window) {
      case RUN -> run;
      case AFTER_FIRST_FAULT -> List.<long[]>of(new long[] {faults.get(0).startNanos(), runEnd});
      case FAULTS ->
          faults.stream().map(f -> new long[] {f.effectiveStartNanos(), f.endNanos()}).toList();
    };
  }

  private static boolean inside(List<long[]> spans, long t) {
    for (long[] span : spans) {
      if (t >= span[0] && t <= span[1]) {
        return true;
      }
    }
    return false;
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  /** Nearest-rank percentile of sorted nanos, in ms; null when empty. */
  static Double percentileMillis(List<Long> sortedNanos, double p) {
    if (sortedNanos.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * sortedNanos.size());
    return sortedNanos.get(Math.max(0, Math.min(sortedNanos.size(), rank) - 1)) / 1e6;
  }
}
