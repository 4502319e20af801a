package io.redlocklab.jmh;

import io.redlocklab.jmh.BenchCluster.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Redisson's other way to take a RedissonRedLock: {@code tryLock()} without a lease time. The lock
 * watchdog then holds a 30 s lease and renews it, and Redisson skips the extra PEXPIRE pass that an
 * explicit lease time costs. Not the same contract as a fixed-TTL lease, but Redisson's cheapest
 * path, so the peer comparison is also reported against it (N=5, 1 ms, the target's setting).
 */
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RedissonWatchdogBenchmark {

  @State(Scope.Benchmark)
  public static class Servers {
    @Param({"5"})
    public int nodes;

    @Param({"1"})
    public int latencyMs;

    BenchCluster cluster;
    final List<RedissonClient> clients = new ArrayList<>();
    RLock lock;

    @Setup(Level.Trial)
    public void start() {
      cluster = BenchCluster.start(nodes, latencyMs, Path.PROXY);
      lock = BenchClients.redissonLock(cluster, AcquireReleaseBenchmark.RESOURCE, clients);
    }

    @TearDown(Level.Trial)
    public void stop() {
      clients.forEach(RedissonClient::shutdown);
      cluster.close();
    }
  }

  @Benchmark
  public boolean redLockWithWatchdog(Servers servers) {
    if (!servers.lock.tryLock()) {
      throw new IllegalStateException("redisson watchdog: an uncontended acquisition failed");
    }
    servers.lock.unlock();
    return true;
  }
}
