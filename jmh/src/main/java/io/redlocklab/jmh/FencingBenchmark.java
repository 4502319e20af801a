package io.redlocklab.jmh;

import io.redlocklab.core.FencingMode;
import io.redlocklab.core.Lease;
import io.redlocklab.core.Redlock;
import io.redlocklab.jmh.BenchCluster.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of {@link FencingMode#QUORUM} at N=5: the acquire script also INCRs the counter, and a
 * second round writes the token back to a majority before the lease is handed out. Its unfenced
 * counterpart is {@code AcquireReleaseBenchmark.redlock} at the same N and latency (same path).
 * {@link FencingMode#QUORUM_CLOCK_FLOOR} adds a {@code TIME} call to the acquire script.
 */
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FencingBenchmark {

  @State(Scope.Benchmark)
  public static class Servers {
    @Param({"5"})
    public int nodes;

    @Param({"0", "1"})
    public int latencyMs;

    BenchCluster cluster;
    Redlock redlock;
    Redlock clockFloored;

    @Setup(Level.Trial)
    public void start() {
      cluster = BenchCluster.start(nodes, latencyMs, Path.PROXY);
      redlock = BenchClients.redlock(cluster, FencingMode.QUORUM);
      clockFloored = BenchClients.redlock(cluster, FencingMode.QUORUM_CLOCK_FLOOR);
    }

    @TearDown(Level.Trial)
    public void stop() {
      redlock.close();
      clockFloored.close();
      cluster.close();
    }
  }

  @Benchmark
  public int quorumFencing(Servers servers) {
    return acquireFencedAndRelease(servers.redlock);
  }

  @Benchmark
  public int quorumFencingClockFloor(Servers servers) {
    return acquireFencedAndRelease(servers.clockFloored);
  }

  private static int acquireFencedAndRelease(Redlock redlock) {
    Lease lease =
        redlock
            .tryAcquire(AcquireReleaseBenchmark.RESOURCE)
            .orElseThrow(
                () -> new IllegalStateException("fenced: an uncontended acquisition failed"));
    if (lease.fencingToken().isEmpty()) {
      throw new IllegalStateException("fenced: the lease has no token");
    }
    return lease.release();
  }
}
