package io.redlocklab.harness.checker;

import java.util.List;

/**
 * What the resource checker found.
 *
 * @param writesAccepted writes the resource acknowledged
 * @param writesFailed writes that certainly did not apply (not counting fencing rejections)
 * @param writesUnknown writes whose outcome is unknown (timeouts): neither required nor forbidden
 *     in the final set
 * @param fencedRejections reads and writes the fencing check rejected: the safety net working
 * @param fencedWhileValid of those, the ones sent while the client's own lease was still valid
 *     (overlapping leases, or a token that went backwards)
 * @param lostUpdates acknowledged elements missing from the final set; null when no final read was
 *     recorded (not checked)
 * @param staleWritesAccepted writes accepted after their lease ended and after the resource had
 *     seen (accepted or rejected) an operation of a newer lease of another client
 */
public record ResourceReport(
    long writesAccepted,
    long writesFailed,
    long writesUnknown,
    long fencedRejections,
    long fencedWhileValid,
    Long lostUpdates,
    List<LostUpdate> lostExamples,
    long staleWritesAccepted,
    List<UnsafeWrite> staleExamples) {

  public ResourceReport {
    lostExamples = List.copyOf(lostExamples);
    staleExamples = List.copyOf(staleExamples);
  }

  /** An acknowledged element that the final set does not contain. */
  public record LostUpdate(
      String resource, String element, String client, String leaseValue, long acknowledgedNanos) {}
}
