package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.cluster.Connections;
import io.redlocklab.harness.cluster.Link;
import io.redlocklab.harness.cluster.ServerHandle;
import io.redlocklab.testkit.SentinelGroup;
import java.time.Duration;
import redis.clients.jedis.Jedis;

/**
 * Lets Sentinel fail the master over: SIGKILL it ({@code how: kill}) or cut it off ({@code how:
 * isolate}: its shared proxy and the replication link disabled, so the sentinels, the replica and
 * every client lose it at once; it keeps running with its data). Verified once a majority of the
 * sentinels report the replica as master and it says role:master; the time from the fault to that
 * moment is in the verified record. Healed by restarting (or reconnecting) the old master and
 * making it a replica of the new one, as Sentinel would after its failover timeout.
 */
final class SentinelFailoverNemesis extends BaseNemesis {

  private static final Duration PROMOTION_TIMEOUT = Duration.ofSeconds(30);
  private static final long REJOIN_TIMEOUT_NANOS = 30_000_000_000L;

  private final boolean isolate;
  private SentinelGroup.MasterFault fault;
  private io.redlocklab.testkit.RedisNode newMaster;
  private long injectedAtNanos;

  SentinelFailoverNemesis(String name, NemesisContext context, boolean isolate) {
    super(name, context);
    this.isolate = isolate;
  }

  @Override
  String describe() {
    return (isolate ? "isolate" : "kill")
        + " the master "
        + NodeNames.of(context.cluster().node(0))
        + " and wait for Sentinel to promote the replica";
  }

  @Override
  void inject() {
    SentinelGroup group = group();
    injectedAtNanos = context.clock().nanoTime();
    if (isolate) {
      context.cluster().replicationLink(0).ifPresent(Link::cut);
      fault = group.isolateMaster();
    } else {
      fault = group.killMaster();
    }
  }

  @Override
  String verify() {
    SentinelGroup.Promotion promotion;
    try {
      promotion = group().awaitPromotion(fault, PROMOTION_TIMEOUT);
    } catch (IllegalStateException e) {
      throw notInEffect(e.getMessage().lines().findFirst().orElse("no promotion"));
    }
    long took = context.clock().nanoTime() - injectedAtNanos;
    newMaster = promotion.newMaster();
    context.cluster().sentinelSwitched();
    return NodeNames.of(context.cluster().node(0))
        + " promoted by Sentinel (role:master, a majority of the sentinels report it) "
        + Probes.millis(took)
        + " after the master was "
        + (isolate ? "isolated" : "killed");
  }

  @Override
  String heal() {
    group().heal();
    if (isolate) {
      context.cluster().replicationLink(0).ifPresent(Link::restore);
    }
    ServerHandle oldMaster = context.cluster().replica(0).orElseThrow();
    try (Jedis jedis = Connections.open(oldMaster.address(), 2_000)) {
      jedis.replicaof(SentinelGroup.HOST, newMaster.proxyPort());
    }
    long start = context.clock().nanoTime();
    while (context.clock().nanoTime() - start < REJOIN_TIMEOUT_NANOS) {
      if (rejoined(oldMaster)) {
        return NodeNames.of(oldMaster)
            + " back as a replica of the new master "
            + Probes.millis(context.clock().nanoTime() - start)
            + " after the heal";
      }
      Probes.sleep(50);
    }
    throw new HarnessException(
        name + ": " + oldMaster.name() + " did not rejoin as a replica within 30 s");
  }

  private static boolean rejoined(ServerHandle server) {
    try {
      return Probes.info(server.address(), "replication", "role").equals("slave")
          && Probes.info(server.address(), "replication", "master_link_status").equals("up");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private SentinelGroup group() {
    return context
        .cluster()
        .sentinelGroup()
        .orElseThrow(() -> new HarnessException(name + ": the cluster has no sentinels"));
  }
}
