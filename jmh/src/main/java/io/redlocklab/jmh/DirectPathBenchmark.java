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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * N=1 against the floor with no proxy at all (client straight to redis-server on loopback). The
 * round trip is shortest here, so the client's own overhead shows most; the proxied comparison in
 * {@link AcquireReleaseBenchmark} dilutes it with Toxiproxy's hop.
 */
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DirectPathBenchmark {

  @State(Scope.Benchmark)
  public static class OneNode {
    BenchCluster cluster;

    @Setup(Level.Trial)
    public void start() {
      cluster = BenchCluster.start(1, 0, Path.DIRECT);
    }

    @TearDown(Level.Trial)
    public void stop() {
      cluster.close();
    }
  }

  @State(Scope.Benchmark)
  public static class FloorClient {
    Floor floor;

    @Setup(Level.Trial)
    public void open(OneNode node) {
      floor = new Floor(node.cluster.endpoint(0));
    }

    @TearDown(Level.Trial)
    public void close() {
      floor.close();
    }
  }

  @State(Scope.Benchmark)
  public static class Ours {
    Redlock redlock;

    @Setup(Level.Trial)
    public void open(OneNode node) {
      redlock = BenchClients.redlock(node.cluster, FencingMode.NONE);
    }

    @TearDown(Level.Trial)
    public void close() {
      redlock.close();
    }
  }

  @Benchmark
  public long floor(FloorClient client) {
    return client.floor.acquireRelease(AcquireReleaseBenchmark.RESOURCE);
  }

  @Benchmark
  public int redlock(Ours ours) {
    Lease lease =
        ours.redlock
            .tryAcquire(AcquireReleaseBenchmark.RESOURCE)
            .orElseThrow(
                () -> new IllegalStateException("redlock: an uncontended acquisition failed"));
    return lease.release();
  }
}
