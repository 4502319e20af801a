package io.redlocklab.harness.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The soak's leak rule: each figure after the soak is back at its value before, within a stated
 * tolerance; and connected clients per node do not grow from the first half of the soak to the
 * second.
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
    figures.add(new Figure("JVM threads", before.threads(), after.threads(), THREAD_TOLERANCE, ""));
    figures.add(
        new Figure(
            "open file descriptors", before.openFiles(), after.openFiles(), FD_TOLERANCE, ""));
    figures.add(
        new Figure(
            "heap after GC",
            before.heapAfterGcMiB(),
            after.heapAfterGcMiB(),
            HEAP_TOLERANCE_MIB,
            " MiB"));
    List<ResourceSample> during = samples.stream().filter(s -> s.phase().equals("during")).toList();
    if (during.size() >= 2) {
      int half = during.size() / 2;
      figures.add(
          new Figure(
              "max clients per Redis node (first half → second half)",
              max(during.subList(0, half), ResourceSample::maxClientsPerNode),
              max(during.subList(half, during.size()), ResourceSample::maxClientsPerNode),
              CLIENT_TOLERANCE,
              ""));
    }
    return figures;
  }

  private static long max(List<ResourceSample> samples, ToLongFunction<ResourceSample> figure) {
    return samples.stream().mapToLong(figure).max().orElse(0);
  }
}
