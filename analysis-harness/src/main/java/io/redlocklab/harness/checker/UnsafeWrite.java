package io.redlocklab.harness.checker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An accepted late write, with the newer lease that makes it unsafe.
 *
 * @param newerAtNanos when the newer lease was granted (unsafe writes) or when the resource had
 *     certainly seen an operation of it (stale writes)
 */
public record UnsafeWrite(
    String resource,
    String client,
    String leaseValue,
    Long token,
    String element,
    long invokeNanos,
    long leaseEndNanos,
    String newerClient,
    String newerLeaseValue,
    Long newerToken,
    long newerAtNanos) {

  /**
   * The accepted late writes that {@code newerLease} finds a newer lease for (null: none), counted
   * by one rule: how many, the leases that wrote them and the first {@code maxExamples}.
   */
  static Found find(
      Findings findings, Function<LateWrite, UnsafeWrite> newerLease, int maxExamples) {
    long count = 0;
    Set<String> leases = new HashSet<>();
    List<UnsafeWrite> examples = new ArrayList<>();
    for (LateWrite late : findings.lateWrites()) {
      UnsafeWrite unsafe = late.accepted() ? newerLease.apply(late) : null;
      if (unsafe != null) {
        count++;
        leases.add(unsafe.leaseValue());
        if (examples.size() < maxExamples) {
          examples.add(unsafe);
        }
      }
    }
    return new Found(count, leases, examples);
  }

  /** What {@link #find} counted. */
  record Found(long count, Set<String> leases, List<UnsafeWrite> examples) {}

  static UnsafeWrite of(LateWrite late, LeaseInterval newer, long newerAtNanos) {
    ResourceOp write = late.write();
    LeaseInterval lease = late.lease();
    return new UnsafeWrite(
        write.resource(),
        write.client(),
        lease.leaseValue(),
        lease.token(),
        write.element(),
        write.invokeNanos(),
        lease.endNanos(),
        newer.client(),
        newer.leaseValue(),
        newer.token(),
        newerAtNanos);
  }
}
