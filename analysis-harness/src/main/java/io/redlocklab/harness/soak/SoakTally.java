package io.redlocklab.harness.soak;

import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.nemesis.FaultType;
import io.redlocklab.harness.runner.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a soak did in one mode: segments, faults injected by type, leases and violations. */
public final class SoakTally {

  private final String mode;
  private final boolean fenced;
  private final Map<String, Long> faultsByType = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();
  private long segments;
  private long leases;
  private long violations;
  private long overlaps;
  private long unsafeWrites;
  private long staleWritesAccepted;
  private long lostUpdates;
  private long fencedRejections;

  SoakTally(String mode, boolean fenced) {
    this.mode = mode;
    this.fenced = fenced;
  }

  void add(SoakPlan.Segment segment, CellResult result) {
    segments++;
    for (FaultType type : segment.injections()) {
      faultsByType.merge(type.id(), 1L, Long::sum);
    }
    Measurement measurement = result.measurement();
    if (measurement == null) {
      errors.add(segment.name() + ": " + result.unmeasured());
      return;
    }
    leases += measurement.cycles();
    violations += measurement.violations();
    overlaps += measurement.leases().overlaps();
    unsafeWrites += measurement.leases().unsafeWrites();
    staleWritesAccepted += measurement.resource().staleWritesAccepted();
    Long lost = measurement.resource().lostUpdates();
    lostUpdates += lost == null ? 0 : lost;
    fencedRejections += measurement.resource().fencedRejections();
  }

  public String mode() {
    return mode;
  }

  public boolean fenced() {
    return fenced;
  }

  public Map<String, Long> faultsByType() {
    return Map.copyOf(faultsByType);
  }

  public long faults() {
    return faultsByType.values().stream().mapToLong(Long::longValue).sum();
  }

  public List<String> errors() {
    return List.copyOf(errors);
  }

  public long segments() {
    return segments;
  }

  public long leases() {
    return leases;
  }

  /**
   * Leases in a violation that counts for the mode (in a fenced mode: the resource's judgement).
   */
  public long violations() {
    return violations;
  }

  public long overlaps() {
    return overlaps;
  }

  public long unsafeWrites() {
    return unsafeWrites;
  }

  public long staleWritesAccepted() {
    return staleWritesAccepted;
  }

  public long lostUpdates() {
    return lostUpdates;
  }

  public long fencedRejections() {
    return fencedRejections;
  }
}
