package io.redlocklab.jmh;

import io.redlocklab.core.FencingMode;
import io.redlocklab.core.Lease;
import io.redlocklab.core.Redlock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of {@link FencingMode#QUORUM} at N=5: the acquire script also INCRs the counter, and a
 * second round writes the token back to a majority before the lease is handed out. Its unfenced
 * counterpart is {@code AcquireReleaseBenchmark.redlock} at the same N and latency (same path).
 */
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FencingBenchmark {

  @State(Scope.Benchmark)
  public static class Servers extends RedlockTrial {
    @Override
    FencingMode fencing() {
      return FencingMode.QUORUM;
    }
  }

  @State(Scope.Benchmark)
  public static class ClockFlooredServers extends RedlockTrial {
    @Override
    FencingMode fencing() {
      return FencingMode.QUORUM_CLOCK_FLOOR;
    }
  }

  @Benchmark
  public int quorumFencing(Servers servers) {
    return acquireFencedAndRelease(servers.redlock);
  }

  @Benchmark
  public int quorumFencingClockFloor(ClockFlooredServers servers) {
    return acquireFencedAndRelease(servers.redlock);
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
