package io.redlocklab.harness.checker;

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
