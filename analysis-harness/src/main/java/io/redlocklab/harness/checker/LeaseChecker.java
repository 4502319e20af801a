package io.redlocklab.harness.checker;

import io.redlocklab.harness.checker.Histories.ResourceOp;
import io.redlocklab.harness.checker.Histories.Status;
import io.redlocklab.harness.checker.LeaseReport.Overlap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lease overlaps and uses after validity. */
final class LeaseChecker {

  /** The report plus the leases involved, for the violation count. */
  record Result(LeaseReport report, Set<String> overlapping, Set<String> unsafe) {}

  private LeaseChecker() {}

  static Result check(List<LeaseInterval> intervals, List<ResourceOp> ops, int maxExamples) {
    Set<String> overlapping = new HashSet<>();
    List<Overlap> overlapExamples = new ArrayList<>();
    long overlaps = 0;
    for (List<LeaseInterval> onResource : byResource(intervals).values()) {
      for (int i = 0; i < onResource.size(); i++) {
        LeaseInterval a = onResource.get(i);
        for (int j = i + 1;
            j < onResource.size() && onResource.get(j).startNanos() < a.endNanos();
            j++) {
          LeaseInterval b = onResource.get(j);
          if (a.client().equals(b.client()) || !a.intersects(b)) {
            continue;
          }
          overlaps++;
          overlapping.add(a.leaseValue());
          overlapping.add(b.leaseValue());
          if (overlapExamples.size() < maxExamples) {
            overlapExamples.add(
                new Overlap(
                    a.resource(), a, b, Math.min(a.endNanos(), b.endNanos()) - b.startNanos()));
          }
        }
      }
    }

    Map<String, LeaseInterval> byValue = byValue(intervals);
    Set<String> unsafe = new HashSet<>();
    List<LateWrite> unsafeExamples = new ArrayList<>();
    long lateWrites = 0;
    long lateAccepted = 0;
    long unsafeWrites = 0;
    for (ResourceOp op : ops) {
      LeaseInterval lease = op.leaseValue() == null ? null : byValue.get(op.leaseValue());
      if (!op.isWrite() || lease == null || op.invokeNanos() <= lease.endNanos()) {
        continue;
      }
      lateWrites++;
      if (op.status() != Status.ACCEPTED) {
        continue;
      }
      lateAccepted++;
      LeaseInterval newer = newerGrantBefore(intervals, lease, op.invokeNanos());
      if (newer != null) {
        unsafeWrites++;
        unsafe.add(lease.leaseValue());
        if (unsafeExamples.size() < maxExamples) {
          unsafeExamples.add(
              new LateWrite(
                  op.resource(),
                  op.client(),
                  lease.leaseValue(),
                  lease.token(),
                  op.element(),
                  op.invokeNanos(),
                  lease.endNanos(),
                  newer.client(),
                  newer.leaseValue(),
                  newer.token(),
                  newer.startNanos()));
        }
      }
    }
    long renewals = intervals.stream().mapToLong(LeaseInterval::renewals).sum();
    long lost = intervals.stream().filter(i -> i.endedBy().equals("lost")).count();
    LeaseReport report =
        new LeaseReport(
            intervals.size(),
            renewals,
            lost,
            overlaps,
            overlapExamples,
            lateWrites,
            lateAccepted,
            unsafeWrites,
            unsafeExamples);
    return new Result(report, overlapping, unsafe);
  }

  /**
   * The first lease of another client on the same resource granted after {@code lease}, before
   * {@code t}.
   */
  private static LeaseInterval newerGrantBefore(
      List<LeaseInterval> intervals, LeaseInterval lease, long t) {
    for (LeaseInterval other : intervals) {
      if (other.startNanos() >= t) {
        break;
      }
      if (other.startNanos() > lease.startNanos()
          && !other.client().equals(lease.client())
          && other.resource().equals(lease.resource())) {
        return other;
      }
    }
    return null;
  }

  static Map<String, List<LeaseInterval>> byResource(List<LeaseInterval> intervals) {
    Map<String, List<LeaseInterval>> map = new LinkedHashMap<>();
    for (LeaseInterval interval : intervals) {
      map.computeIfAbsent(interval.resource(), k -> new ArrayList<>()).add(interval);
    }
    return map;
  }

  static Map<String, LeaseInterval> byValue(List<LeaseInterval> intervals) {
    Map<String, LeaseInterval> map = new LinkedHashMap<>();
    for (LeaseInterval interval : intervals) {
      map.put(interval.leaseValue(), interval);
    }
    return map;
  }
}
