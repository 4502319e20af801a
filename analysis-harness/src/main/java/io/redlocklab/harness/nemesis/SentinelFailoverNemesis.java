package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.cluster.Connections;
import io.redlocklab.harness.cluster.Link;
import io.redlocklab.harness.cluster.SentinelLinks;
import io.redlocklab.harness.cluster.ServerHandle;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.testkit.SentinelGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.Jedis;

/**
 * Lets Sentinel fail the master over, one of three ways:
 *
 * <ul>
 *   <li>{@code kill}: SIGKILL the master;
 *   <li>{@code isolate}: cut it off from the sentinels, the replica and every client (its shared
 *       proxy, the replication link and each client's own link to it); it keeps running with its
 *       data;
 *   <li>{@code split-brain}: the same, except that the clients named in {@code clients} keep their
 *       link to the old master and lose theirs to every sentinel instead, so they never hear of the
 *       promotion and go on with the old master while the others follow the new one (Jepsen's Redis
 *       partition of 2013).
 * </ul>
 *
 * Verified once a majority of the sentinels report the replica as master and it says role:master
 * (the time from the fault to that moment is in the verified record); a split brain also needs the
 * old master to still say role:master through an old-side client's link. Healed by reconnecting
 * everything, restarting a killed master, and making the old master a replica of the new one, as
 * Sentinel would after its failover timeout.
 */
final class SentinelFailoverNemesis extends BaseNemesis {

  /** How the master fails. */
  enum How {
    KILL,
    ISOLATE,
    SPLIT_BRAIN;

    static How of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private static final Duration PROMOTION_TIMEOUT = Duration.ofSeconds(30);
  private static final long REJOIN_TIMEOUT_NANOS = 30_000_000_000L;

  private final How how;
  private final List<Integer> oldSide;
  private final List<Link> cut = new ArrayList<>();
  private SentinelGroup.MasterFault fault;
  private io.redlocklab.testkit.RedisNode newMaster;
  private int masterServer;
  private long injectedAtNanos;

  /** {@code oldSide}: with {@link How#SPLIT_BRAIN}, the clients that stay with the old master. */
  SentinelFailoverNemesis(String name, NemesisContext context, How how, List<Integer> oldSide) {
    super(name, context);
    this.how = how;
    this.oldSide = how == How.SPLIT_BRAIN ? List.copyOf(oldSide) : List.of();
  }

  @Override
  String describe() {
    String master = NodeNames.of(context.cluster().node(0));
    return switch (how) {
          case KILL -> "kill the master " + master;
          case ISOLATE ->
              "cut the master " + master + " off from the sentinels, replica and clients";
          case SPLIT_BRAIN ->
              "cut the master "
                  + master
                  + " off from the sentinels, the replica and every client but "
                  + clients(oldSide)
                  + ", which lose the sentinels instead";
        }
        + " and wait for Sentinel to promote the replica";
  }

  @Override
  void inject() {
    SentinelGroup group = group();
    injectedAtNanos = context.clock().nanoTime();
    if (how == How.KILL) {
      fault = group.killMaster();
      return;
    }
    masterServer = group.servers().indexOf(group.master());
    context.cluster().replicationLink(0).ifPresent(this::cut);
    for (int client = 0; client < context.cluster().topology().clients(); client++) {
      SentinelLinks links = context.cluster().sentinelLinks(client);
      if (oldSide.contains(client)) {
        links.sentinels().forEach(this::cut);
      } else {
        cut(links.servers().get(masterServer));
      }
    }
    fault = group.isolateMaster();
  }

  private void cut(Link link) {
    link.cut();
    cut.add(link);
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
    String verified =
        NodeNames.of(context.cluster().node(0))
            + " promoted by Sentinel (role:master, a majority of the sentinels report it) "
            + Probes.millis(took)
            + " after the master was "
            + (how == How.KILL ? "killed" : "cut off");
    if (how == How.SPLIT_BRAIN) {
      Link oldWay = context.cluster().sentinelLinks(oldSide.get(0)).servers().get(masterServer);
      String role = Probes.info(oldWay.endpoint(), "replication", "role");
      if (!"master".equals(role)) {
        throw notInEffect(
            Ops.client(oldSide.get(0))
                + " reaches the old master through "
                + oldWay.name()
                + " but it says role:"
                + role);
      }
      verified += "; through " + oldWay.name() + " the old master still says role:master";
    }
    return verified;
  }

  @Override
  String heal() {
    for (int i = cut.size() - 1; i >= 0; i--) {
      cut.get(i).restore();
    }
    cut.clear();
    group().heal();
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

  private static String clients(List<Integer> clients) {
    return String.join(", ", clients.stream().map(Ops::client).toList());
  }

  private SentinelGroup group() {
    return context
        .cluster()
        .sentinelGroup()
        .orElseThrow(() -> new HarnessException(name + ": the cluster has no sentinels"));
  }
}
