package io.redlocklab.jmh;

import io.redlocklab.core.FencingMode;
import io.redlocklab.core.Lease;
import io.redlocklab.core.Redlock;
import io.redlocklab.core.SequentialRedlock;
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
 * One uncontended acquire+release per operation on N nodes, every variant through the nodes'
 * Toxiproxy proxies: {@code latencyMs=0} is the proxy without toxics (the plain path), {@code
 * latencyMs=1} adds 1 ms downstream on every proxy.
 *
 * <p>The variant is a parameter, not a method, so that JMH runs the variants of one (latency, N)
 * cell one after another (JMH orders runs by mode, method, then parameters with {@code variant}
 * varying fastest): on a shared machine whose load drifts, a ratio of neighbours is the fairer one.
 *
 * <ul>
 *   <li>{@code floor}: N=1, raw Jedis on one plain connection on the caller's thread ({@link
 *       Floor}); N&gt;1, the same protocol fanned out with one plain connection and thread per node
 *       ({@link RawFanout});
 *   <li>{@code redlock}: redlock-core, concurrent fan-out, no fencing;
 *   <li>{@code sequential}: the same acquisition sending to the nodes one after another ({@link
 *       SequentialRedlock});
 *   <li>{@code redisson}: Redisson {@code RLock} on node 0 when N=1, {@code RedissonRedLock} over
 *       one {@code RedissonClient} per node when N&gt;1, {@code tryLock(0, ttl)} then {@code
 *       unlock()}.
 * </ul>
 */
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AcquireReleaseBenchmark {

  static final String RESOURCE = "bench";

  /** What one operation runs, and how to let go of what it uses. */
  record Operation(Body body, Runnable close) {}

  @FunctionalInterface
  interface Body {
    long run() throws Exception;
  }

  @State(Scope.Benchmark)
  public static class Cell {
    @Param({"1", "3", "5"})
    public int nodes;

    @Param({"0", "1"})
    public int latencyMs;

    @Param({"floor", "redlock", "sequential", "redisson"})
    public String variant;

    BenchCluster cluster;
    Operation operation;

    @Setup(Level.Trial)
    public void start() {
      cluster = BenchCluster.start(nodes, latencyMs, Path.PROXY);
      try {
        operation =
            switch (variant) {
              case "floor" -> floor(cluster);
              case "redlock" -> redlock(cluster);
              case "sequential" -> sequential(cluster);
              case "redisson" -> redisson(cluster);
              default -> throw new IllegalArgumentException("unknown variant " + variant);
            };
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      try {
        operation.close().run();
      } finally {
        cluster.close();
      }
    }
  }

  @Benchmark
  public long acquireRelease(Cell cell) throws Exception {
    return cell.operation.body().run();
  }

  static Operation floor(BenchCluster cluster) {
    if (cluster.size() == 1) {
      Floor floor = new Floor(cluster.endpoint(0));
      return new Operation(() -> floor.acquireRelease(RESOURCE), floor::close);
    }
    RawFanout fanout = new RawFanout(cluster.endpoints());
    return new Operation(() -> fanout.acquireRelease(RESOURCE), fanout::close);
  }

  static Operation redlock(BenchCluster cluster) {
    Redlock redlock = BenchClients.redlock(cluster, FencingMode.NONE);
    return new Operation(
        () -> {
          Lease lease =
              redlock
                  .tryAcquire(RESOURCE)
                  .orElseThrow(
                      () ->
                          new IllegalStateException("redlock: an uncontended acquisition failed"));
          return lease.release();
        },
        redlock::close);
  }

  static Operation sequential(BenchCluster cluster) {
    SequentialRedlock lock = new SequentialRedlock(cluster.endpoints(), BenchClients.TTL);
    return new Operation(
        () -> {
          String value = lock.tryAcquire(RESOURCE);
          if (value == null) {
            throw new IllegalStateException("sequential: an uncontended acquisition failed");
          }
          return lock.release(RESOURCE, value);
        },
        lock::close);
  }

  static Operation redisson(BenchCluster cluster) {
    List<RedissonClient> clients = new ArrayList<>();
    RLock lock = BenchClients.redissonLock(cluster, RESOURCE, clients);
    return new Operation(
        () -> {
          if (!lock.tryLock(0, BenchClients.TTL.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("redisson: an uncontended acquisition failed");
          }
          lock.unlock();
          return 1;
        },
        () -> clients.forEach(RedissonClient::shutdown));
  }
}
