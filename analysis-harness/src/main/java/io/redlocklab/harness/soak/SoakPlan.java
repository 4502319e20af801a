package io.redlocklab.harness.soak;

import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.nemesis.FaultType;
import io.redlocklab.harness.nemesis.PausePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One soak segment as a scenario file: a seeded random mix of the fault types a mode supports,
 * overlapping and repeating. The text goes through the ordinary scenario loader, so a segment is
 * validated like any file. Types that need replicas (failover, cut-replication, replica-lag), a
 * Sentinel (sentinel-failover) or clients as processes (process-pause, process-crash) are left out:
 * the soak topology has none of them. Persistence is {@code always}, so a crash keeps keys and
 * counters.
 */
public final class SoakPlan {

  static final int CLIENTS = 3;
  private static final int MIN_FAULTS = 2;
  private static final int MAX_FAULTS = 5;

  private SoakPlan() {}

  /**
   * A segment's scenario text and the fault types it injects, one element per injection (a
   * repeating entry counts once per start), in file order.
   */
  public record Segment(String name, String yaml, List<FaultType> injections) {}

  /** The fault types the soak can draw for {@code mode}. */
  public static List<FaultType> supported(LockMode mode) {
    LockClientTraits traits = mode.traits();
    List<FaultType> types = new ArrayList<>();
    for (FaultType type : FaultType.values()) {
      if (type.needsReplicas() || type.needsSentinel() || type.needsProcessClients()) {
        continue;
      }
      if (type == FaultType.CLIENT_CLOCK && !traits.injectedClock()) {
        continue;
      }
      if (type == FaultType.CLIENT_PAUSE && traits.pausePoints().isEmpty()) {
        continue;
      }
      types.add(type);
    }
    return types;
  }

  /** Segment {@code index} for {@code mode}, drawn from {@code random}. */
  public static Segment segment(LockMode mode, int index, long durationMs, Random random) {
    String name = "soak-" + index + "-" + mode.id();
    List<FaultType> supported = supported(mode);
    int count = MIN_FAULTS + random.nextInt(MAX_FAULTS - MIN_FAULTS + 1);
    List<FaultType> drawn = new ArrayList<>();
    StringBuilder faults = new StringBuilder();
    for (int i = 0; i < count; i++) {
      FaultType type = supported.get(random.nextInt(supported.size()));
      String entry = fault(type, mode, durationMs, random);
      faults.append(entry);
      for (int k = 0; k < starts(entry, durationMs); k++) {
        drawn.add(type);
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
            + "\n  ttl_ms: 1000\n  work_ms: 50\n  duration_ms: "
            + durationMs
            + "\n  seed: "
            + random.nextInt(1_000_000)
            + "\n  respect_validity: true\nfaults:\n"
            + faults
            + "predictions:\n  "
            + mode.id()
            + ":\n    outcome: holds\n    reason: \"soak: measured, not judged by outcome\"\n"
            + "    citation: \"issue 16\"\n";
    return new Segment(name, yaml, List.copyOf(drawn));
  }

  private static String fault(FaultType type, LockMode mode, long durationMs, Random random) {
    long at = 500 + random.nextInt((int) Math.max(1, durationMs / 2));
    long maxLength = Math.max(500, durationMs - at - 1000);
    long length = 300 + random.nextInt((int) Math.min(4000, maxLength - 299));
    StringBuilder entry = new StringBuilder("  - type: " + type.id() + "\n");
    entry.append("    at_ms: ").append(at).append('\n');
    if (type == FaultType.CRASH_NODE && random.nextInt(3) == 0) {
      length = 0;
    }
    entry.append("    duration_ms: ").append(length).append('\n');
    if (length > 0 && type.canRepeat() && random.nextBoolean()) {
      entry
          .append("    repeat_every_ms: ")
          .append(length + 1000 + random.nextInt(3000))
          .append('\n');
    }
    switch (type) {
      case PARTITION -> {
        entry.append("    nodes: ").append(nodes(mode, random)).append('\n');
        entry.append("    mode: ").append(random.nextBoolean() ? "refuse" : "drop").append('\n');
      }
      case LATENCY -> {
        entry.append("    nodes: ").append(nodes(mode, random)).append('\n');
        int latency = 20 + random.nextInt(180);
        entry.append("    latency_ms: ").append(latency).append('\n');
        entry.append("    jitter_ms: ").append(random.nextInt(latency / 2)).append('\n');
      }
      case LOST_REPLIES, PAUSE_NODE, CRASH_NODE ->
          entry.append("    nodes: ").append(nodes(mode, random)).append('\n');
      case RESET_PEER -> {
        entry.append("    nodes: ").append(nodes(mode, random)).append('\n');
        entry.append("    timeout_ms: ").append(random.nextInt(200)).append('\n');
      }
      case CLOCK_JUMP -> {
        entry.append("    nodes: ").append(nodes(mode, random)).append('\n');
        int jump = 200 + random.nextInt(1800);
        entry.append("    jump_ms: ").append(random.nextBoolean() ? jump : -jump).append('\n');
      }
      case CLOCK_DRIFT -> {
        entry.append("    nodes: ").append(nodes(mode, random)).append('\n');
        entry.append("    rate: ").append(rate(random, 0.5, 2.0)).append('\n');
      }
      case CLIENT_CLOCK -> {
        entry.append("    clients: [").append(random.nextInt(CLIENTS)).append("]\n");
        entry.append("    rate: ").append(rate(random, 0.7, 1.3)).append('\n');
      }
      case CLIENT_PAUSE -> {
        List<PausePoint> points = new ArrayList<>(mode.traits().pausePoints());
        points.remove(PausePoint.DURING_RENEWAL); // the soak runs no watchdog
        points.sort(null);
        PausePoint point = points.get(random.nextInt(points.size()));
        entry.append("    clients: [").append(random.nextInt(CLIENTS)).append("]\n");
        entry.append("    point: ").append(point.id()).append('\n');
        entry.append("    pause_ms: ").append(300 + random.nextInt(2200)).append('\n');
      }
      case RESOURCE_DELAY -> {
        entry.append("    clients: [").append(random.nextInt(CLIENTS)).append("]\n");
        entry.append("    latency_ms: ").append(50 + random.nextInt(450)).append('\n');
      }
      default -> throw new IllegalStateException("the soak does not draw " + type);
    }
    return entry.toString();
  }

  /** How often an entry starts: once, or every repeat_every_ms while before the segment's end. */
  private static int starts(String entry, long durationMs) {
    long at = key(entry, "at_ms");
    long every = key(entry, "repeat_every_ms");
    return every <= 0 ? 1 : (int) ((durationMs - 1 - at) / every) + 1;
  }

  private static long key(String entry, String name) {
    for (String line : entry.lines().toList()) {
      String trimmed = line.trim();
      if (trimmed.startsWith(name + ": ")) {
        return Long.parseLong(trimmed.substring(name.length() + 2));
      }
    }
    return 0;
  }

  /** One or two distinct nodes, a minority of five (any one node of fewer). */
  private static String nodes(LockMode mode, Random random) {
    int n = mode.nodes();
    int count = n >= 5 && random.nextBoolean() ? 2 : 1;
    List<Integer> all = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    java.util.Collections.shuffle(all, random);
    return all.subList(0, count).stream()
        .sorted()
        .map(String::valueOf)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String rate(Random random, double low, double high) {
    return String.format(Locale.ROOT, "%.2f", low + random.nextDouble() * (high - low));
  }
}
