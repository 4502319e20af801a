package io.redlocklab.harness.checker;

import java.util.List;

/**
 * What the lease-overlap checker found.
 *
 * @param leases leases granted (the cell's cycles)
 * @param renewals extensions, over all leases, that came in time and moved a lease's end
 * @param lost leases whose holder was told they were gone (the watchdog could not renew them)
 * @param overlaps pairs of leases of different clients on one resource whose intervals intersect
 * @param lateWrites writes a client sent after its own lease interval had ended (use after
 *     validity)
 * @param lateWritesAccepted those of them the resource accepted
 * @param unsafeWrites accepted late writes sent after another client had been granted a newer
 *     lease: mutual exclusion broken at the resource unless fencing stops it
 */
public record LeaseReport(
    int leases,
    long renewals,
    long lost,
    long overlaps,
    List<Overlap> overlapExamples,
    long lateWrites,
    long lateWritesAccepted,
    long unsafeWrites,
    List<UnsafeWrite> unsafeWriteExamples) {

  public LeaseReport {
    overlapExamples = List.copyOf(overlapExamples);
    unsafeWriteExamples = List.copyOf(unsafeWriteExamples);
  }
}
