package io.redlocklab.harness.soak;

import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.nemesis.Fault;
import io.redlocklab.harness.nemesis.FaultType;
import io.redlocklab.harness.nemesis.PausePoint;
import io.redlocklab.harness.scenario.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One soak segment as a scenario file: a seeded random mix of the fault types a mode supports,
 * overlapping in time and repeating. The text goes through the ordinary scenario loader, so a
 * segment is validated like any file.
 *
 * <p>A mode supports a type when its topology has what the type acts on (replicas, a Sentinel,
 * client processes) and {@link Scenario#notApplicable(Fault, LockMode)} finds nothing against it,
 * the same rule that makes a suite cell not applicable. One segment in three runs its clients as
 * JVM processes, so that process pauses and crashes are drawn too; the others run them as threads.
 *
 * <p>Faults overlap in time but never stack on one target: a node (or client) is hit by one fault
 * at a time, from its start to {@link #SETTLE_MS} after its last heal, because a second fault on
 * the same node spoils the first one's proof (a paused node answers no latency probe). Persistence
 * is {@code always}, so a crash keeps keys and counters.
 */
public final class SoakPlan {

  static final int CLIENTS = 3;
  private static final int MIN_FAULTS = 2;
  private static final int MAX_FAULTS = 5;
  private static final int DRAWS_PER_FAULT = 8;

  /** A target stays reserved this long after a fault on it heals: its proof and its recovery. */
  static final long SETTLE_MS = 1_000;

  private SoakPlan() {}

  /**
   * A segment's scenario text and the fault types it injects, one element per injection (a
   * repeating entry counts once per start), in file order.
   */
  public record Segment(String name, String yaml, List<FaultType> injections) {}

  /** Every fault type the soak can draw for {@code mode}, with clients as threads or processes. */
  public static List<FaultType> supported(LockMode mode) {
    List<FaultType> types = new ArrayList<>(supported(mode, false));
    for (FaultType type : supported(mode, true)) {
      if (!types.contains(type)) {
        types.add(type);
      }
    }
    types.sort(null);
    return types;
  }

  /** The fault types the soak can draw for {@code mode} with clients of one kind. */
  static List<FaultType> supported(LockMode mode, boolean processClients) {
    List<FaultType> types = new ArrayList<>();
    for (FaultType type : FaultType.values()) {
      if (type.needsProcessClients() && !processClients
          || type == FaultType.CLIENT_PAUSE && processClients
          || type.needsReplicas() && !mode.needsReplica()
          || type.needsSentinel() && !mode.sentinel()
          || type == FaultType.FAILOVER && mode.sentinel()) {
        continue;
      }
      Map<String, Object> params = sampleParams(type, mode);
      if (params == null) {
        continue;
      }
      Fault sample = Fault.of(type, 1_000, 1_000, params);
      if (Scenario.notApplicable(sample, mode).isEmpty()) {
        types.add(type);
      }
    }
    return types;
  }

  /** Segment {@code index} for {@code mode}, drawn from {@code random}. */
  public static Segment segment(LockMode mode, int index, long durationMs, Random random) {
    String name = "soak-" + index + "-" + mode.id();
    boolean processClients =
        random.nextInt(3) == 0 && !supported(mode, true).equals(supported(mode, false));
    List<FaultType> supported = supported(mode, processClients);
    int count = MIN_FAULTS + random.nextInt(MAX_FAULTS - MIN_FAULTS + 1);
    Targets targets = new Targets();
    List<FaultType> drawn = new ArrayList<>();
    StringBuilder faults = new StringBuilder();
    for (int i = 0; i < count; i++) {
      FaultType type = supported.get(random.nextInt(supported.size()));
      for (int attempt = 0; attempt < DRAWS_PER_FAULT; attempt++) {
        Entry entry = fault(type, mode, durationMs, random, targets);
        if (entry != null) {
          faults.append(entry.text());
          for (int k = 0; k < entry.starts(); k++) {
            drawn.add(type);
          }
          break;
        }
      }
    }
    String yaml =
        "name: "
            + name
            + "\ndescription: soak segment "
            + index
            + "\nsource: [\"soak\"]\nmodes: ["
            + mode.id()
            + "]\ntopology:\n  persistence: always\nworkload:\n  clients: "
            + CLIENTS
            + (processClients ? "\n  clients_as: processes" : "")
            + "\n  ttl_ms: 1000\n  work_ms: 50\n  duration_ms: "
            + durationMs
            + "\n  seed: "
            + random.nextInt(1_000_000)
            + "\n  respect_validity: true\nfaults:\n"
            + (faults.isEmpty() ? "  []\n" : faults)
            + "predictions:\n  "
            + mode.id()
            + ":\n    outcome: holds\n    reason: \"soak: measured, not judged by outcome\"\n"
            + "    citation: \"issue 16\"\n";
    return new Segment(name, yaml, List.copyOf(drawn));
  }

  /**
   * A fault that waits for its client to reach a point stays armed at least this long: one client
   * of three may wait a few TTLs (1 s) for its next lease under contention and faults.
   */
  static final long MIN_POINT_ARMED_MS = 3_000;

  /** One drawn entry: its YAML and how often it starts. */
  private record Entry(String text, int starts) {}

  /**
   * Draws one entry of {@code type} with its timing and a free target; null when every target it
   * could take is busy in that window (the caller draws again).
   */
  private static Entry fault(
      FaultType type, LockMode mode, long durationMs, Random random, Targets targets) {
    long at = 500 + random.nextInt((int) Math.max(1, durationMs / 2));
    long maxLength = Math.max(500, durationMs - at - 1000);
    long length = 300 + random.nextInt((int) Math.min(4000, maxLength - 299));
    if (type == FaultType.FAILOVER || type == FaultType.CRASH_NODE && random.nextInt(3) == 0) {
      length = 0; // promoted for good; crashed for the rest of the segment
    } else if (type == FaultType.SENTINEL_FAILOVER) {
      length = Math.max(length, 3_000); // the old master rejoins as a replica after this
    } else if (type == FaultType.PROCESS_CRASH) {
      length = durationMs - at - 1000; // armed until the segment's last second
    } else if (type == FaultType.CLIENT_PAUSE) {
      length = Math.max(length, Math.min(MIN_POINT_ARMED_MS, durationMs - at - 1000));
    }
    boolean changesForGood =
        type == FaultType.FAILOVER
            || type == FaultType.SENTINEL_FAILOVER
            || type == FaultType.PROCESS_CRASH // a crashed client JVM stays dead
            || length == 0;
    long every =
        !changesForGood && type.canRepeat() && random.nextBoolean()
            ? length + 1000 + random.nextInt(3000)
            : 0;
    List<long[]> windows =
        changesForGood
            ? List.of(new long[] {at, durationMs}) // once a segment, its target taken to the end
            : windows(at, length, every, durationMs);

    StringBuilder entry = new StringBuilder("  - type: " + type.id() + "\n");
    entry.append("    at_ms: ").append(at).append('\n');
    entry.append("    duration_ms: ").append(length).append('\n');
    if (every > 0) {
      entry.append("    repeat_every_ms: ").append(every).append('\n');
    }
    String target = reserve(type, mode, random, targets, windows);
    if (target == null) {
      return null;
    }
    entry.append(target);
    entry.append(values(type, mode, random));
    return new Entry(entry.toString(), windows.size());
  }

  /** The {@code nodes:} or {@code clients:} line of the entry, reserved in every window. */
  private static String reserve(
      FaultType type, LockMode mode, Random random, Targets targets, List<long[]> windows) {
    switch (targetKind(type)) {
      case NODES -> {
        int n = mode.nodes();
        int want = n >= 5 && random.nextBoolean() ? 2 : 1;
        List<Integer> free = targets.free("n", n, windows, random);
        if (free.size() < want) {
          return null;
        }
        List<Integer> chosen = free.subList(0, want);
        chosen.forEach(node -> targets.take("n" + node, windows));
        return "    nodes: " + list(chosen) + "\n";
      }
      case MASTER -> {
        if (!targets.free("n", 1, windows, random).contains(0)) {
          return null;
        }
        targets.take("n0", windows);
        return type == FaultType.SENTINEL_FAILOVER ? "" : "    nodes: [0]\n";
      }
      case CLIENT -> {
        List<Integer> free = targets.free("c", CLIENTS, windows, random);
        if (free.isEmpty()) {
          return null;
        }
        targets.take("c" + free.get(0), windows);
        return "    clients: [" + free.get(0) + "]\n";
      }
      default -> throw new IllegalStateException("no target for " + type);
    }
  }

  private enum TargetKind {
    NODES,
    MASTER,
    CLIENT
  }

  private static TargetKind targetKind(FaultType type) {
    return switch (type) {
      case FAILOVER, SENTINEL_FAILOVER, CUT_REPLICATION, REPLICA_LAG -> TargetKind.MASTER;
      case CLIENT_CLOCK, CLIENT_PAUSE, RESOURCE_DELAY, PROCESS_PAUSE, PROCESS_CRASH ->
          TargetKind.CLIENT;
      default -> TargetKind.NODES;
    };
  }

  /** The type's own keys, besides its target. */
  private static String values(FaultType type, LockMode mode, Random random) {
    StringBuilder entry = new StringBuilder();
    switch (type) {
      case PARTITION ->
          entry.append("    mode: ").append(random.nextBoolean() ? "refuse" : "drop").append('\n');
      case LATENCY -> {
        int latency = 20 + random.nextInt(180);
        entry.append("    latency_ms: ").append(latency).append('\n');
        entry.append("    jitter_ms: ").append(random.nextInt(latency / 2)).append('\n');
      }
      case REPLICA_LAG ->
          entry.append("    latency_ms: ").append(200 + random.nextInt(1800)).append('\n');
      case RESET_PEER -> entry.append("    timeout_ms: ").append(random.nextInt(200)).append('\n');
      case CLOCK_JUMP -> {
        int jump = 200 + random.nextInt(1800);
        entry.append("    jump_ms: ").append(random.nextBoolean() ? jump : -jump).append('\n');
      }
      case CLOCK_DRIFT -> entry.append("    rate: ").append(rate(random, 0.5, 2.0)).append('\n');
      case CLIENT_CLOCK -> entry.append("    rate: ").append(rate(random, 0.7, 1.3)).append('\n');
      case CLIENT_PAUSE -> {
        entry.append("    point: ").append(point(mode, random, false).id()).append('\n');
        entry.append("    pause_ms: ").append(300 + random.nextInt(2200)).append('\n');
      }
      case PROCESS_PAUSE -> {
        if (random.nextBoolean()) {
          entry.append("    point: ").append(point(mode, random, true).id()).append('\n');
          entry.append("    pause_ms: ").append(300 + random.nextInt(2200)).append('\n');
        }
      }
      case PROCESS_CRASH ->
          entry.append("    point: ").append(point(mode, random, true).id()).append('\n');
      case RESOURCE_DELAY ->
          entry.append("    latency_ms: ").append(50 + random.nextInt(450)).append('\n');
      case SENTINEL_FAILOVER ->
          entry.append("    how: ").append(random.nextBoolean() ? "kill" : "isolate").append('\n');
      case LOST_REPLIES, PAUSE_NODE, CRASH_NODE, FAILOVER, CUT_REPLICATION -> {}
      default -> throw new IllegalStateException("the soak does not draw " + type);
    }
    return entry.toString();
  }

  /**
   * The values a type needs to be asked whether it applies; null for a type the soak never draws
   * for this mode (a pause with no point the client has).
   */
  private static Map<String, Object> sampleParams(FaultType type, LockMode mode) {
    Map<String, Object> params = new LinkedHashMap<>();
    switch (targetKind(type)) {
      case CLIENT -> params.put("clients", List.of(0));
      default -> params.put("nodes", List.of(0));
    }
    if (type == FaultType.CLIENT_PAUSE || type == FaultType.PROCESS_CRASH) {
      List<PausePoint> points = points(mode, type == FaultType.PROCESS_CRASH);
      if (points.isEmpty()) {
        return null;
      }
      params.put("point", points.get(0).id());
      if (type == FaultType.CLIENT_PAUSE) {
        params.put("pause_ms", 500L);
      }
    }
    if (type == FaultType.SENTINEL_FAILOVER) {
      params.remove("nodes");
      params.put("how", "kill");
    }
    return params;
  }

  private static PausePoint point(LockMode mode, Random random, boolean process) {
    List<PausePoint> points = points(mode, process);
    return points.get(random.nextInt(points.size()));
  }

  /**
   * The pause points the soak uses: the mode's own, less during-renewal (the soak runs no
   * watchdog); with client processes only the two points every workload has.
   */
  private static List<PausePoint> points(LockMode mode, boolean process) {
    List<PausePoint> points = new ArrayList<>(mode.traits().pausePoints());
    points.remove(PausePoint.DURING_RENEWAL);
    if (process) {
      points.remove(PausePoint.DURING_ACQUIRE);
    }
    points.sort(null);
    return points;
  }

  /** The fault's windows: every start up to the segment's end, each as [start, heal + settle). */
  private static List<long[]> windows(long at, long length, long every, long durationMs) {
    List<long[]> windows = new ArrayList<>();
    long reach = length + SETTLE_MS;
    for (long start = at; start < durationMs; start += every) {
      windows.add(new long[] {start, start + reach});
      if (every <= 0) {
        break;
      }
    }
    return windows;
  }

  /** Which nodes and clients are busy when, within one segment. */
  private static final class Targets {
    private final Map<String, List<long[]>> busy = new HashMap<>();

    /** The targets {@code prefix}0..count-1 free in every window, in a seeded random order. */
    List<Integer> free(String prefix, int count, List<long[]> windows, Random random) {
      List<Integer> all = new ArrayList<>(IntStream.range(0, count).boxed().toList());
      Collections.shuffle(all, random);
      return all.stream().filter(i -> isFree(prefix + i, windows)).collect(Collectors.toList());
    }

    void take(String target, List<long[]> windows) {
      busy.computeIfAbsent(target, t -> new ArrayList<>()).addAll(windows);
    }

    private boolean isFree(String target, List<long[]> windows) {
      for (long[] taken : busy.getOrDefault(target, List.of())) {
        for (long[] window : windows) {
          if (window[0] < taken[1] && taken[0] < window[1]) {
            return false;
          }
        }
      }
      return true;
    }
  }

  private static String list(List<Integer> indices) {
    return indices.stream()
        .sorted()
        .map(String::valueOf)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String rate(Random random, double low, double high) {
    return String.format(Locale.ROOT, "%.2f", low + random.nextDouble() * (high - low));
  }
}
