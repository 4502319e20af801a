package io.redlocklab.harness.checker;

import io.redlocklab.harness.history.HistoryRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One history read into what the checkers judge: its leases, fault windows and resource operations,
 * every pair of leases held at once and every write sent after its lease had ended. The checkers
 * count from these lists and the report's timeline draws them, so the picture shows exactly what
 * was counted.
 */
public final class Findings {

  private final List<HistoryRecord> records;
  private final List<LeaseInterval> leases;
  private final Map<String, LeaseInterval> leasesByValue;
  private final List<NemesisWindow> faults;
  private final List<ResourceOp> ops;
  private final List<Overlap> overlaps;
  private final List<LateWrite> lateWrites;

  private Findings(List<HistoryRecord> history) {
    records = Collections.unmodifiableList(Histories.byTime(history));
    leases = Collections.unmodifiableList(Histories.leaseIntervals(records));
    leasesByValue = new LinkedHashMap<>();
    leases.forEach(lease -> leasesByValue.put(lease.leaseValue(), lease));
    faults = Collections.unmodifiableList(Histories.nemesisWindows(records));
    ops = Collections.unmodifiableList(Histories.resourceOps(records));
    overlaps = pairOverlaps(leases);
    lateWrites = findLateWrites();
  }

  public static Findings of(List<HistoryRecord> history) {
    return new Findings(history);
  }

  /** The records in time order. */
  public List<HistoryRecord> records() {
    return records;
  }

  /** Time of the first record; 0 without any. */
  public long startNanos() {
    return records.isEmpty() ? 0 : records.get(0).timeNanos();
  }

  /** Time of the last record; 0 without any. */
  public long endNanos() {
    return records.isEmpty() ? 0 : records.get(records.size() - 1).timeNanos();
  }

  /** Every granted lease, ordered by start. */
  public List<LeaseInterval> leases() {
    return leases;
  }

  /** Every nemesis window, ordered by start. */
  public List<NemesisWindow> faults() {
    return faults;
  }

  /** Every pair of leases of different clients held at once, per resource in start order. */
  public List<Overlap> overlaps() {
    return overlaps;
  }

  /** Every write sent after its own lease had ended, in completion order. */
  public List<LateWrite> lateWrites() {
    return lateWrites;
  }

  /** Reads and writes, in completion order (pending ones last). */
  List<ResourceOp> ops() {
    return ops;
  }

  /** The lease with this value; null when none was granted. */
  LeaseInterval lease(String leaseValue) {
    return leaseValue == null ? null : leasesByValue.get(leaseValue);
  }

  private static List<Overlap> pairOverlaps(List<LeaseInterval> leases) {
    Map<String, List<LeaseInterval>> byResource = new LinkedHashMap<>();
    for (LeaseInterval lease : leases) {
      byResource.computeIfAbsent(lease.resource(), k -> new ArrayList<>()).add(lease);
    }
    List<Overlap> overlaps = new ArrayList<>();
    for (List<LeaseInterval> onResource : byResource.values()) {
      for (int i = 0; i < onResource.size(); i++) {
        LeaseInterval a = onResource.get(i);
        for (int j = i + 1;
            j < onResource.size() && onResource.get(j).startNanos() < a.endNanos();
            j++) {
          LeaseInterval b = onResource.get(j);
          if (!a.client().equals(b.client()) && a.intersects(b)) {
            overlaps.add(
                new Overlap(
                    a.resource(), a, b, Math.min(a.endNanos(), b.endNanos()) - b.startNanos()));
          }
        }
      }
    }
    return List.copyOf(overlaps);
  }

  private List<LateWrite> findLateWrites() {
    List<LateWrite> late = new ArrayList<>();
    for (ResourceOp op : ops) {
      LeaseInterval lease = lease(op.leaseValue());
      if (op.isWrite() && lease != null && op.invokeNanos() > lease.endNanos()) {
        late.add(new LateWrite(op, lease));
      }
    }
    return List.copyOf(late);
  }
}
