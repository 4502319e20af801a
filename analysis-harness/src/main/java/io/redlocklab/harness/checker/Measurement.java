package io.redlocklab.harness.checker;

import java.util.List;

/**
 * Everything measured in one cell's history, and the outcome the rule in {@link Checker} gives.
 *
 * @param reasons one short sentence per finding behind the outcome (plus notes, e.g. unchecked)
 * @param cycles leases granted
 * @param violations leases involved in a violation that counts for this mode (see {@link Checker})
 * @param durationNanos time from the first to the last record
 */
public record Measurement(
    Outcome outcome,
    List<String> reasons,
    long cycles,
    long violations,
    LeaseReport leases,
    ResourceReport resource,
    AvailabilityReport availability,
    long startNanos,
    long durationNanos) {

  public Measurement {
    reasons = List.copyOf(reasons);
  }
}
