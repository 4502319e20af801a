package io.redlocklab.harness.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a scenario's {@code faults:} list (docs/FAULTS.md), already checked against the
 * scenario by {@code FaultReader}: {@link NemesisFactory} builds its nemesis without checking the
 * values again. Immutable.
 *
 * @param atMillis start, in ms from the start of the workload
 * @param durationMillis how long until it is healed; 0 when omitted
 * @param repeatEveryMillis start again every this many ms; 0 for no repeat
 * @param params the type's own keys as plain Java values: Long, Double, String, an Integer index, a
 *     list of them, {@code all}, or {@code leader} for {@code nodes}
 * @param modes the lock-mode ids it is limited to; empty for every mode of the scenario
 * @param where {@code file:line (faults[i] type)} of the entry, the prefix of every later error
 */
public record Fault(
    FaultType type,
    long atMillis,
    long durationMillis,
    long repeatEveryMillis,
    Map<String, Object> params,
    List<String> modes,
    String where) {

  public Fault {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(where, "where");
    for (String key : params.keySet()) {
      if (!type.keys().contains(key)) {
        throw new IllegalArgumentException(where + ": " + type + " takes no '" + key + "'");
      }
    }
    params = Map.copyOf(params);
    modes = List.copyOf(modes);
  }

  /** A fault built in code (tests): every mode, no repetition, named after its type. */
  public static Fault of(
      FaultType type, long atMillis, long durationMillis, Map<String, Object> params) {
    return new Fault(type, atMillis, durationMillis, 0, params, List.of(), "fault " + type);
  }

  /** True when the fault applies to the lock mode {@code modeId}. */
  public boolean appliesTo(String modeId) {
    return modes.isEmpty() || modes.contains(modeId);
  }

  /**
   * Where a client-pause, process-pause or process-crash strikes (a process-crash by default once
   * the lease is held); empty for every other type and for a process-pause at a time.
   */
  public Optional<PausePoint> pausePoint() {
    return switch (type) {
      case CLIENT_PAUSE -> Optional.of(PausePoint.of(text("point", null)));
      case PROCESS_PAUSE -> Optional.ofNullable(text("point", null)).map(PausePoint::of);
      case PROCESS_CRASH ->
          Optional.of(PausePoint.of(text("point", PausePoint.AFTER_ACQUIRE.id())));
      default -> Optional.empty();
    };
  }

  // ---- the params, read as the reader stored them

  boolean has(String key) {
    return params.containsKey(key);
  }

  /** True when {@code nodes} is {@code leader}: the node is chosen by its role when it starts. */
  public boolean choosesLeader() {
    return NodeTarget.LEADER.equals(params.get("nodes"));
  }

  /** The indices under {@code key}; every index below {@code count} when omitted or 'all'. */
  List<Integer> indices(String key, int count) {
    Object value = params.get(key);
    if (value == null || "all".equals(value)) {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        all.add(i);
      }
      return all;
    }
    return indexList(value);
  }

  /** {@code sees}: per client (list position), the nodes it can still reach. */
  List<List<Integer>> views() {
    return ((List<?>) params.get("sees")).stream().map(Fault::indexList).toList();
  }

  long millis(String key, long absent) {
    Object value = params.get(key);
    return value == null ? absent : ((Number) value).longValue();
  }

  double number(String key) {
    return ((Number) params.get(key)).doubleValue();
  }

  String text(String key, String absent) {
    Object value = params.get(key);
    return value == null ? absent : value.toString();
  }

  private static List<Integer> indexList(Object value) {
    List<?> items = value instanceof List<?> list ? list : List.of(value);
    return items.stream().map(item -> ((Number) item).intValue()).toList();
  }
}
