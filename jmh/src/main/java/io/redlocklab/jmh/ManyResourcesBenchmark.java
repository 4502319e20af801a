package io.redlocklab.jmh;

import io.redlocklab.core.FencingMode;
import io.redlocklab.core.Lease;
import io.redlocklab.core.Redlock;
import io.redlocklab.jmh.BenchCluster.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;
import org.redisson.RedissonRedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Many holders at once: 64 threads of one process share one client and each operation is one
 * attempt ({@code tryAcquire} / {@code tryLock(0, ttl)}) on one of 1,000 resources drawn from a
 * seeded per-thread random, released at once when it wins. N=5 through the proxies. The primary
 * score is attempts per time; {@code acquired} counts the wins (a collision of two threads on one
 * resource is a refusal, the same for both variants).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(64)
public class ManyResourcesBenchmark {

  static final int RESOURCES = 1000;

  @State(Scope.Benchmark)
  public static class Clients {
    @Param({"0", "1"})
    public int latencyMs;

    @Param({"redlock", "redisson"})
    public String variant;

    BenchCluster cluster;
    Redlock redlock;
    final List<RedissonClient> redissons = new ArrayList<>();

    @Setup(Level.Trial)
    public void start() {
      cluster = BenchCluster.start(5, latencyMs, Path.PROXY);
      if (variant.equals("redlock")) {
        redlock = BenchClients.redlock(cluster, FencingMode.NONE);
      } else {
        cluster.endpoints().forEach(endpoint -> redissons.add(BenchClients.redisson(endpoint)));
      }
    }

    boolean attempt(String resource) throws InterruptedException {
      if (redlock != null) {
        Optional<Lease> lease = redlock.tryAcquire(resource);
        lease.ifPresent(Lease::release);
        return lease.isPresent();
      }
      RLock lock =
          new RedissonRedLock(
              redissons.stream().map(c -> c.getLock(resource)).toArray(RLock[]::new));
      if (!lock.tryLock(0, BenchClients.TTL.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
      lock.unlock();
      return true;
    }

    @TearDown(Level.Trial)
    public void stop() {
      try {
        if (redlock != null) {
          redlock.close();
        }
        redissons.forEach(RedissonClient::shutdown);
      } finally {
        cluster.close();
      }
    }
  }

  /** Each thread's own seeded choice of resource. */
  @State(Scope.Thread)
  public static class Picker {
    SplittableRandom random;

    @Setup(Level.Trial)
    public void seed(ThreadParams thread) {
      random = new SplittableRandom(1_000L + thread.getThreadIndex());
    }

    String next() {
      return "many-" + random.nextInt(RESOURCES);
    }
  }

  /** Wins per iteration, next to the primary attempts score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Wins {
    public long acquired;
  }

  @Benchmark
  public boolean acquireRelease(Clients clients, Picker picker, Wins wins) throws Exception {
    boolean won = clients.attempt(picker.next());
    if (won) {
      wins.acquired++;
    }
    return won;
  }
}
