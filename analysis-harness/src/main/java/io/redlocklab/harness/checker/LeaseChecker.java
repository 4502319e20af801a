package io.redlocklab.harness.checker;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Lease overlaps and uses after validity. */
final class LeaseChecker {

  /** The report plus the leases involved, for the violation count. */
  record Result(LeaseReport report, Set<String> overlapping, Set<String> unsafe) {}

  private LeaseChecker() {}

  static Result check(Findings findings, int maxExamples) {
    List<Overlap> overlaps = findings.overlaps();
    Set<String> overlapping = new HashSet<>();
    for (Overlap overlap : overlaps) {
      overlapping.add(overlap.first().leaseValue());
      overlapping.add(overlap.second().leaseValue());
    }

    UnsafeWrite.Found unsafe =
        UnsafeWrite.find(
            findings,
            late -> {
              LeaseInterval newer =
                  newerGrantBefore(findings.leases(), late.lease(), late.write().invokeNanos());
              return newer == null ? null : UnsafeWrite.of(late, newer, newer.startNanos());
            },
            maxExamples);
    List<LeaseInterval> leases = findings.leases();
    long renewals = leases.stream().mapToLong(LeaseInterval::renewals).sum();
    long lost = leases.stream().filter(i -> i.endedBy().equals("lost")).count();
    LeaseReport report =
        new LeaseReport(
            leases.size(),
            renewals,
            lost,
            overlaps.size(),
            overlaps.subList(0, Math.min(maxExamples, overlaps.size())),
            findings.lateWrites().size(),
            findings.lateWrites().stream().filter(LateWrite::accepted).count(),
            unsafe.count(),
            unsafe.examples());
    return new Result(report, overlapping, unsafe.leases());
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
}
