package io.redlocklab.harness.checker;

import io.redlocklab.harness.checker.ResourceOp.Status;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.Ops;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shapes the checkers need out of a raw history: lease intervals, nemesis windows,
 * resource operations with their invoke and completion times.
 */
final class Histories {

  private Histories() {}

  /** A stable sort by time: records written by several threads may reach the file out of order. */
  static List<HistoryRecord> byTime(List<HistoryRecord> history) {
    List<HistoryRecord> sorted = new ArrayList<>(history);
    sorted.sort(Comparator.comparingLong(HistoryRecord::timeNanos));
    return sorted;
  }

  /** Every granted lease as an interval, ordered by start. {@code info} acquires grant nothing. */
  static List<LeaseInterval> leaseIntervals(List<HistoryRecord> history) {
    List<HistoryRecord> sorted = byTime(history);
    long runEnd = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).timeNanos();
    Map<String, LeaseBuilder> leases = new LinkedHashMap<>();
    for (HistoryRecord r : sorted) {
      int killed = Ops.killedClient(r);
      if (killed >= 0) {
        // A SIGKILLed holder can no longer act: what it believed ends with it.
        String victim = Ops.client(killed);
        leases.values().stream()
            .filter(l -> l.acquired.process().equals(victim))
            .forEach(l -> l.killedAt = Math.min(l.killedAt, r.timeNanos()));
        continue;
      }
      if (HistoryRecord.NEMESIS.equals(r.process()) || r.leaseValue() == null) {
        continue;
      }
      LeaseBuilder lease = leases.get(r.leaseValue());
      if (Ops.ACQUIRE.equals(r.op()) && HistoryRecord.OK.equals(r.type())) {
        leases.putIfAbsent(r.leaseValue(), new LeaseBuilder(r));
      } else if (lease == null) {
        continue;
      } else if (Ops.EXTEND.equals(r.op()) && HistoryRecord.OK.equals(r.type())) {
        lease.extended(r.timeNanos(), r.validUntilNanos());
      } else if (Ops.RELEASE.equals(r.op()) && HistoryRecord.INVOKE.equals(r.type())) {
        lease.releasedAt = Math.min(lease.releasedAt, r.timeNanos());
      } else if (Ops.LOST.equals(r.op())) {
        lease.lostAt = Math.min(lease.lostAt, r.timeNanos());
      }
    }
    List<LeaseInterval> intervals = new ArrayList<>();
    for (LeaseBuilder lease : leases.values()) {
      intervals.add(lease.build(runEnd));
    }
    intervals.sort(Comparator.comparingLong(LeaseInterval::startNanos));
    return intervals;
  }

  /** Each nemesis's windows from its {@code start} to its {@code stop}/{@code failed} events. */
  static List<NemesisWindow> nemesisWindows(List<HistoryRecord> history) {
    List<HistoryRecord> sorted = byTime(history);
    long runEnd = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).timeNanos();
    Map<String, long[]> open = new LinkedHashMap<>();
    List<NemesisWindow> windows = new ArrayList<>();
    for (HistoryRecord r : sorted) {
      if (!HistoryRecord.NEMESIS.equals(r.process())) {
        continue;
      }
      String phase = r.detail();
      long[] window = open.get(r.op());
      if (phase.startsWith("start")) {
        open.putIfAbsent(r.op(), new long[] {r.timeNanos(), Long.MIN_VALUE});
      } else if (phase.startsWith("verified") && window != null && window[1] == Long.MIN_VALUE) {
        window[1] = r.timeNanos();
      } else if ((phase.startsWith("stop") || phase.startsWith("failed")) && window != null) {
        open.remove(r.op());
        windows.add(new NemesisWindow(r.op(), window[0], verified(window), r.timeNanos(), true));
      }
    }
    open.forEach(
        (name, window) ->
            windows.add(new NemesisWindow(name, window[0], verified(window), runEnd, false)));
    windows.sort(Comparator.comparingLong(NemesisWindow::startNanos));
    return windows;
  }

  private static Long verified(long[] window) {
    return window[1] == Long.MIN_VALUE ? null : window[1];
  }

  /**
   * Reads and writes, in completion order. A client is sequential, so a completion belongs to that
   * client's last invoke of the same op; fields missing on the completion come from the invoke.
   */
  static List<ResourceOp> resourceOps(List<HistoryRecord> sorted) {
    Map<String, HistoryRecord> pending = new HashMap<>();
    List<ResourceOp> ops = new ArrayList<>();
    for (HistoryRecord r : sorted) {
      if (!Ops.READ.equals(r.op()) && !Ops.WRITE.equals(r.op())) {
        continue;
      }
      if (Ops.isSkipped(r)) {
        continue;
      }
      String key = r.process() + "/" + r.op();
      if (HistoryRecord.INVOKE.equals(r.type())) {
        pending.put(key, r);
        continue;
      }
      HistoryRecord invoke = pending.remove(key);
      ops.add(
          new ResourceOp(
              r.process(),
              r.resource(),
              r.op(),
              r.leaseValue() != null ? r.leaseValue() : invoke == null ? null : invoke.leaseValue(),
              r.value() != null ? r.value() : invoke == null ? null : invoke.value(),
              invoke == null ? r.timeNanos() : invoke.timeNanos(),
              r.timeNanos(),
              status(r)));
    }
    for (HistoryRecord r : pending.values()) {
      ops.add(
          new ResourceOp(
              r.process(),
              r.resource(),
              r.op(),
              r.leaseValue(),
              r.value(),
              r.timeNanos(),
              Long.MAX_VALUE,
              Status.PENDING));
    }
    return ops;
  }

  private static Status status(HistoryRecord completion) {
    return switch (completion.type()) {
      case HistoryRecord.OK -> Status.ACCEPTED;
      case HistoryRecord.FAIL -> Ops.isFencedRejection(completion) ? Status.FENCED : Status.FAILED;
      default -> Status.UNKNOWN;
    };
  }

  private static final class LeaseBuilder {
    private final HistoryRecord acquired;
    private long validUntil;
    private long releasedAt = Long.MAX_VALUE;
    private long lostAt = Long.MAX_VALUE;
    private long killedAt = Long.MAX_VALUE;
    private int renewals;

    LeaseBuilder(HistoryRecord acquired) {
      this.acquired = acquired;
      this.validUntil =
          acquired.validUntilNanos() == null ? Long.MAX_VALUE : acquired.validUntilNanos();
    }

    /** An extension counts only if it came before the lease ended: nothing revives a lease. */
    void extended(long at, Long newValidUntil) {
      if (newValidUntil != null
          && at < validUntil
          && at < releasedAt
          && at < lostAt
          && at < killedAt) {
        validUntil = newValidUntil;
        renewals++;
      }
    }

    LeaseInterval build(long runEnd) {
      long end = Math.min(Math.min(validUntil, killedAt), Math.min(releasedAt, lostAt));
      String endedBy;
      if (end == Long.MAX_VALUE) {
        end = Math.max(runEnd, acquired.timeNanos());
        endedBy = "run-end";
      } else if (end == releasedAt) {
        endedBy = "release";
      } else if (end == lostAt) {
        endedBy = "lost";
      } else if (end == killedAt) {
        endedBy = "killed";
      } else {
        endedBy = "validity";
      }
      return new LeaseInterval(
          acquired.process(),
          acquired.resource(),
          acquired.leaseValue(),
          acquired.token(),
          acquired.timeNanos(),
          end,
          endedBy,
          renewals);
    }
  }
}
