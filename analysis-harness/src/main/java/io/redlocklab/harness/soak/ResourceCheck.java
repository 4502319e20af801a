package io.redlocklab.harness.soak;

import io.redlocklab.testkit.FreePorts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The soak's leak rule: each figure after the soak is back at its value before, within a stated
 * tolerance; and, within each mode, the clients left connected to a node at the end of a segment's
 * workload do not grow from the mode's first half of segments to its second. Each mode is compared
 * only with itself (modes pool differently), and only at that one moment of a segment (a pool warms
 * up during a segment, on fresh servers each time).
 */
public final class ResourceCheck {

  /** One figure compared, with its tolerance and whether it passed. */
  public record Figure(String name, long before, long after, long tolerance, String unit) {
    public boolean ok() {
      return after <= before + tolerance;
    }
  }

  static final long THREAD_TOLERANCE = 4;
  static final long FD_TOLERANCE = 8;
  static final long HEAP_TOLERANCE_MIB = 32;
  static final long CLIENT_TOLERANCE = 8;

  private ResourceCheck() {}

  /** Every figure of {@code samples} (first = before, last = after). */
  public static List<Figure> figures(List<ResourceSample> samples) {
    ResourceSample before = samples.get(0);
    ResourceSample after = samples.get(samples.size() - 1);
    List<Figure> figures = new ArrayList<>();
    figures.add(
        new Figure("redis-server processes", before.redisServers(), after.redisServers(), 0, ""));
    figures.add(
        new Figure(
            "toxiproxy-server processes",
            before.toxiproxyServers(),
            after.toxiproxyServers(),
            0,
            ""));
    figures.add(
        new Figure(
            "other processes (etcd, ZooKeeper, PostgreSQL, Sentinel, client JVMs)",
            before.otherProcesses(),
            after.otherProcesses(),
            0,
            ""));
    figures.add(new Figure("JVM threads", before.threads(), after.threads(), THREAD_TOLERANCE, ""));
    figures.add(
        new Figure(
            "open file descriptors (less port-block locks)",
            before.openFiles(),
            after.openFiles(),
            FD_TOLERANCE,
            ""));
    figures.add(
        new Figure(
            "port-block lock files (held for the JVM's life, at most FreePorts.MAX_BLOCKS)",
            before.portBlockLocks(),
            after.portBlockLocks(),
            FreePorts.MAX_BLOCKS - before.portBlockLocks(),
            ""));
    figures.add(
        new Figure(
            "heap after GC",
            before.heapAfterGcMiB(),
            after.heapAfterGcMiB(),
            HEAP_TOLERANCE_MIB,
            " MiB"));
    clientsGrowth(samples).ifPresent(figures::add);
    return figures;
  }

  /**
   * The mode whose clients per node at segment end grew most from its first half of segments to its
   * second.
   */
  private static Optional<Figure> clientsGrowth(List<ResourceSample> samples) {
    Map<String, List<ResourceSample>> byMode = new LinkedHashMap<>();
    for (ResourceSample s : samples) {
      if (s.phase().equals(SoakRun.SEGMENT_END)) {
        byMode.computeIfAbsent(s.mode(), m -> new ArrayList<>()).add(s);
      }
    }
    Figure worst = null;
    for (Map.Entry<String, List<ResourceSample>> mode : byMode.entrySet()) {
      List<ResourceSample> during = mode.getValue();
      if (during.size() < 2) {
        continue;
      }
      int half = during.size() / 2;
      Figure figure =
          new Figure(
              "max clients per Redis node at segment end, worst mode"
                  + (mode.getKey().isEmpty() ? "" : " " + mode.getKey())
                  + " (its first half of segments → its second half)",
              max(during.subList(0, half), ResourceSample::maxClientsPerNode),
              max(during.subList(half, during.size()), ResourceSample::maxClientsPerNode),
              CLIENT_TOLERANCE,
              "");
      if (worst == null || figure.after() - figure.before() > worst.after() - worst.before()) {
        worst = figure;
      }
    }
    return Optional.ofNullable(worst);
  }

  private static long max(List<ResourceSample> samples, ToLongFunction<ResourceSample> figure) {
    return samples.stream().mapToLong(figure).max().orElse(0);
  }
}
