package io.redlocklab.harness.checker;

/**
 * Two leases of different clients on one resource held at once; {@code first} started first.
 *
 * @param overlapNanos how long both were held: from the second's start to the earlier end
 */
public record Overlap(
    String resource, LeaseInterval first, LeaseInterval second, long overlapNanos) {

  /** When both were held from: the second lease's start. */
  public long startNanos() {
    return second.startNanos();
  }

  /** When the first of the two ended. */
  public long endNanos() {
    return second.startNanos() + overlapNanos;
  }
}
