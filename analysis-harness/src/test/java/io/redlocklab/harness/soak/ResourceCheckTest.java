package io.redlocklab.harness.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.testkit.FreePorts;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The leak rule flags every figure that is not back within its tolerance, and only those. */
class ResourceCheckTest {

  private static final long MIB = 1024 * 1024;

  private static ResourceSample sample(
      String phase, int redis, int toxiproxy, int clients, int threads, long fds, long heapMiB) {
    return withOthers(phase, redis, toxiproxy, 0, clients, threads, fds, heapMiB);
  }

  private static ResourceSample withOthers(
      String phase,
      int redis,
      int toxiproxy,
      int others,
      int clients,
      int threads,
      long fds,
      long heapMiB) {
    return new ResourceSample(
        0, phase, "", redis, toxiproxy, others, List.of(clients), threads, fds, 0, heapMiB * MIB);
  }

  private static Map<String, Boolean> verdicts(List<ResourceSample> samples) {
    return ResourceCheck.figures(samples).stream()
        .collect(Collectors.toMap(ResourceCheck.Figure::name, ResourceCheck.Figure::ok));
  }

  private static List<String> leaks(List<ResourceSample> samples) {
    return ResourceCheck.figures(samples).stream()
        .filter(f -> !f.ok())
        .map(ResourceCheck.Figure::name)
        .toList();
  }

  @Test
  void backAtBaselineWithinToleranceIsNoLeak() {
    ResourceSample before = sample("before", 0, 0, 0, 20, 40, 10);
    List<ResourceSample> samples =
        List.of(
            before,
            sample(SoakRun.SEGMENT_END, 6, 1, 5, 60, 120, 40),
            sample(SoakRun.SEGMENT_END, 6, 1, 5, 60, 120, 40),
            sample(
                "after",
                0,
                0,
                0,
                20 + (int) ResourceCheck.THREAD_TOLERANCE,
                40 + ResourceCheck.FD_TOLERANCE,
                10 + ResourceCheck.HEAP_TOLERANCE_MIB));

    assertThat(leaks(samples)).isEmpty();
    assertThat(verdicts(samples)).hasSize(8);
  }

  @Test
  void aLeftOverServerProcessIsALeak() {
    List<ResourceSample> samples =
        List.of(sample("before", 0, 0, 0, 20, 40, 10), sample("after", 1, 1, 0, 20, 40, 10));

    assertThat(leaks(samples))
        .containsExactly("redis-server processes", "toxiproxy-server processes");
  }

  @Test
  void aLeftOverClientJvmOrReferenceServerIsALeak() {
    List<ResourceSample> samples =
        List.of(
            withOthers("before", 0, 0, 0, 0, 20, 40, 10),
            withOthers("during", 0, 1, 4, 0, 60, 120, 40),
            withOthers("after", 0, 0, 1, 0, 20, 40, 10));

    assertThat(leaks(samples))
        .containsExactly("other processes (etcd, ZooKeeper, PostgreSQL, Sentinel, client JVMs)");
  }

  @Test
  void oneThreadOrDescriptorOverTheToleranceIsALeak() {
    ResourceSample before = sample("before", 0, 0, 0, 20, 40, 10);
    Function<ResourceSample, List<String>> leaksAfter = after -> leaks(List.of(before, after));

    assertThat(
            leaksAfter.apply(
                sample("after", 0, 0, 0, 21 + (int) ResourceCheck.THREAD_TOLERANCE, 40, 10)))
        .containsExactly("JVM threads");
    assertThat(leaksAfter.apply(sample("after", 0, 0, 0, 20, 41 + ResourceCheck.FD_TOLERANCE, 10)))
        .containsExactly("open file descriptors (less port-block locks)");
    assertThat(
            leaksAfter.apply(
                sample("after", 0, 0, 0, 20, 40, 11 + ResourceCheck.HEAP_TOLERANCE_MIB)))
        .containsExactly("heap after GC");
  }

  /** FreePorts holds up to MAX_BLOCKS lock files for the JVM's life: bounded, so no leak. */
  @Test
  void portBlockLocksAreBoundedNotCountedAsFiles() {
    ResourceSample before = sample("before", 0, 0, 0, 20, 40, 10);
    Function<Integer, ResourceSample> afterWithLocks =
        locks -> new ResourceSample(0, "after", "", 0, 0, 0, List.of(), 20, 40, locks, 10 * MIB);

    assertThat(leaks(List.of(before, afterWithLocks.apply(FreePorts.MAX_BLOCKS)))).isEmpty();
    assertThat(leaks(List.of(before, afterWithLocks.apply(FreePorts.MAX_BLOCKS + 1))))
        .containsExactly(
            "port-block lock files (held for the JVM's life, at most FreePorts.MAX_BLOCKS)");
  }

  @Test
  void clientsGrowingFromTheFirstHalfToTheSecondIsALeak() {
    List<ResourceSample> samples =
        List.of(
            sample("before", 0, 0, 0, 20, 40, 10),
            sample(SoakRun.SEGMENT_END, 5, 1, 6, 60, 120, 40).during("redlock-5"),
            sample(SoakRun.SEGMENT_END, 5, 1, 9, 60, 120, 40).during("redisson-rlock"),
            sample(SoakRun.SEGMENT_END, 5, 1, 7 + (int) ResourceCheck.CLIENT_TOLERANCE, 60, 120, 40)
                .during("redlock-5"),
            sample(SoakRun.SEGMENT_END, 5, 1, 9, 60, 120, 40).during("redisson-rlock"),
            sample("after", 0, 0, 0, 20, 40, 10));

    assertThat(leaks(samples))
        .containsExactly(
            "max clients per Redis node at segment end, worst mode redlock-5 (its first half of"
                + " segments → its second half)");
  }

  /** A mode that pools more connections than another is no leak: each is compared with itself. */
  @Test
  void modesWithDifferentPoolsAreComparedOnlyWithThemselves() {
    int many = 2 + 2 * (int) ResourceCheck.CLIENT_TOLERANCE;
    List<ResourceSample> samples =
        List.of(
            sample("before", 0, 0, 0, 20, 40, 10),
            sample(SoakRun.SEGMENT_END, 5, 1, 2, 60, 120, 40).during("redlock-5"),
            sample(SoakRun.SEGMENT_END, 5, 1, 2, 60, 120, 40).during("redlock-5"),
            sample(SoakRun.SEGMENT_END, 5, 1, many, 60, 120, 40).during("redisson-rlock"),
            sample(SoakRun.SEGMENT_END, 5, 1, many, 60, 120, 40).during("redisson-rlock"),
            sample("after", 0, 0, 0, 20, 40, 10));

    assertThat(leaks(samples)).isEmpty();
  }

  /** A pool that warms up during a segment is no leak: only segment ends are compared. */
  @Test
  void clientsGrowingWithinSegmentsAreNoLeak() {
    int warm = 2 + 2 * (int) ResourceCheck.CLIENT_TOLERANCE;
    List<ResourceSample> samples =
        List.of(
            sample("before", 0, 0, 0, 20, 40, 10),
            sample("during", 5, 1, 2, 60, 120, 40).during("redisson-rlock-watchdog"),
            sample(SoakRun.SEGMENT_END, 5, 1, 1, 60, 120, 40).during("redisson-rlock-watchdog"),
            sample("during", 5, 1, warm, 60, 120, 40).during("redisson-rlock-watchdog"),
            sample(SoakRun.SEGMENT_END, 5, 1, 1, 60, 120, 40).during("redisson-rlock-watchdog"),
            sample("after", 0, 0, 0, 20, 40, 10));

    assertThat(leaks(samples)).isEmpty();
  }
}
