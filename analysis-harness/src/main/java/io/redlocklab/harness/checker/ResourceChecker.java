package io.redlocklab.harness.checker;

import io.redlocklab.harness.checker.ResourceOp.Status;
import io.redlocklab.harness.checker.ResourceReport.LostUpdate;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.Ops;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lost updates, stale writes that were accepted, and fencing rejections at the protected resource.
 */
final class ResourceChecker {

  /** The report plus the leases involved, for the violation count. */
  record Result(ResourceReport report, Set<String> stale, Set<String> lost) {}

  private ResourceChecker() {}

  static Result check(Findings findings, int maxExamples) {
    long accepted = 0;
    long failed = 0;
    long unknown = 0;
    long fenced = 0;
    long fencedWhileValid = 0;
    for (ResourceOp op : findings.ops()) {
      if (op.status() == Status.FENCED) {
        fenced++;
        LeaseInterval lease = findings.lease(op.leaseValue());
        if (lease != null && op.invokeNanos() <= lease.endNanos()) {
          fencedWhileValid++;
        }
      } else if (op.isWrite()) {
        switch (op.status()) {
          case ACCEPTED -> accepted++;
          case FAILED -> failed++;
          default -> unknown++;
        }
      }
    }

    List<ResourceOp> seen = findings.ops().stream().filter(ResourceOp::seenByResource).toList();
    UnsafeWrite.Found stale =
        UnsafeWrite.find(
            findings,
            late -> {
              ResourceOp newer = newerSeenBefore(seen, findings, late);
              return newer == null
                  ? null
                  : UnsafeWrite.of(late, findings.lease(newer.leaseValue()), newer.doneNanos());
            },
            maxExamples);

    Set<String> lostLeases = new HashSet<>();
    List<LostUpdate> lostExamples = new ArrayList<>();
    Long lost =
        lostUpdates(findings.records(), findings.ops(), lostLeases, lostExamples, maxExamples);

    ResourceReport report =
        new ResourceReport(
            accepted,
            failed,
            unknown,
            fenced,
            fencedWhileValid,
            lost,
            lostExamples,
            stale.count(),
            stale.examples());
    return new Result(report, stale.leases(), lostLeases);
  }

  /**
   * An operation the resource saw (accepted or rejected) and finished before the late write was
   * sent, from another client's lease granted after the writer's; null when none.
   */
  private static ResourceOp newerSeenBefore(
      List<ResourceOp> seen, Findings findings, LateWrite late) {
    ResourceOp write = late.write();
    LeaseInterval lease = late.lease();
    for (ResourceOp op : seen) {
      LeaseInterval other = findings.lease(op.leaseValue());
      if (other != null
          && op.doneNanos() < write.invokeNanos()
          && other.startNanos() > lease.startNanos()
          && !other.client().equals(lease.client())
          && op.resource().equals(write.resource())) {
        return op;
      }
    }
    return null;
  }

  /** Null when some resource with acknowledged writes has no successful final read. */
  private static Long lostUpdates(
      List<HistoryRecord> sorted,
      List<ResourceOp> ops,
      Set<String> lostLeases,
      List<LostUpdate> examples,
      int maxExamples) {
    Map<String, Set<String>> finalSets = new HashMap<>();
    for (HistoryRecord r : sorted) {
      if (Ops.FINAL_READ.equals(r.op()) && HistoryRecord.OK.equals(r.type())) {
        finalSets.put(r.resource(), Ops.splitElements(r.value()));
      }
    }
    boolean checked = !finalSets.isEmpty();
    long lost = 0;
    for (ResourceOp op : ops) {
      if (!op.isWrite() || op.status() != Status.ACCEPTED || op.element() == null) {
        continue;
      }
      Set<String> finalSet = finalSets.get(op.resource());
      if (finalSet == null) {
        checked = false;
        continue;
      }
      if (!finalSet.contains(op.element())) {
        lost++;
        if (op.leaseValue() != null) {
          lostLeases.add(op.leaseValue());
        }
        if (examples.size() < maxExamples) {
          examples.add(
              new LostUpdate(
                  op.resource(), op.element(), op.client(), op.leaseValue(), op.doneNanos()));
        }
      }
    }
    return checked ? lost : null;
  }
}
