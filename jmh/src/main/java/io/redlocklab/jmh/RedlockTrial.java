package io.redlocklab.jmh;

import io.redlocklab.core.FencingMode;
import io.redlocklab.core.Redlock;
import io.redlocklab.jmh.BenchCluster.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One trial's servers and client, shared by every thread: {@code nodes} redis-servers, each behind
 * its Toxiproxy proxy with {@code latencyMs} added, and one redlock-core client through the
 * proxies. A subclass names the fencing mode and may hook into the start and the stop.
 */
@State(Scope.Benchmark)
public abstract class RedlockTrial {

  @Param({"5"})
  public int nodes;

  @Param({"0", "1"})
  public int latencyMs;

  BenchCluster cluster;
  Redlock redlock;

  abstract FencingMode fencing();

  /** Runs before the servers start. */
  void beforeStart(BenchmarkParams params) {}

  /** Runs while the client and the servers are still up; they stop even when it throws. */
  void beforeStop(BenchmarkParams params) {}

  @Setup(Level.Trial)
  public void start(BenchmarkParams params) {
    beforeStart(params);
    cluster = BenchCluster.start(nodes, latencyMs, Path.PROXY);
    redlock = BenchClients.redlock(cluster, fencing());
  }

  @TearDown(Level.Trial)
  public void stop(BenchmarkParams params) {
    try {
      beforeStop(params);
    } finally {
      redlock.close();
      cluster.close();
    }
  }
}
