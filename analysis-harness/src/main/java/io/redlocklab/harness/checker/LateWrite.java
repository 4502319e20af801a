package io.redlocklab.harness.checker;

/**
 * An accepted write sent after its lease had ended, with the newer lease that makes it unsafe.
 *
 * @param newerAtNanos when the newer lease was granted (unsafe writes) or when the resource had
 *     certainly seen an operation of it (stale writes)
 */
public record LateWrite(
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
    long newerAtNanos) {}
