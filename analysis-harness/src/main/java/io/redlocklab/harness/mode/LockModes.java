package io.redlocklab.harness.mode;

import io.redlocklab.core.FencingMode;
import io.redlocklab.harness.cluster.LockServer;
import io.redlocklab.harness.lockclient.LockClientFactory;
import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.lockclient.RedlockLockClient;
import io.redlocklab.harness.lockclient.etcd.EtcdLockClient;
import io.redlocklab.harness.lockclient.postgres.PostgresLockClient;
import io.redlocklab.harness.lockclient.redisson.RedissonLockClient;
import io.redlocklab.harness.lockclient.redisson.RedissonLockClient.Kind;
import io.redlocklab.harness.lockclient.zookeeper.ZooKeeperLockClient;
import io.redlocklab.testkit.ZooKeeperEnsemble;
import java.util.List;
import java.util.Optional;

/**
 * The registry of lock modes, in the order the report shows them. A new column is one more entry
 * here: a {@link LockMode} with the factory of its {@link
 * io.redlocklab.harness.lockclient.LockClient} and the traits it declares.
 */
public final class LockModes {

  public static final LockMode SINGLE_INSTANCE =
      redlock(
          "single-instance",
          "single instance",
          1,
          FencingMode.NONE,
          false,
          "one Redis master, no replica (Redlock with N=1)");
  public static final LockMode SINGLE_INSTANCE_FAILOVER =
      redlock(
          "single-instance-failover",
          "master + replica (failover)",
          1,
          FencingMode.NONE,
          true,
          "one master with an async replica that is promoted when the master fails");
  public static final LockMode SENTINEL =
      sentinel(
          "sentinel",
          "N=1 via Sentinel",
          false,
          "one master with an async replica under three sentinels; the client asks them for the "
              + "master and follows a failover");
  public static final LockMode SENTINEL_WAIT =
      sentinel(
          "sentinel-wait",
          "N=1 via Sentinel + WAIT",
          true,
          "as sentinel, but the node counts only once WAIT 1 (timeout nodeTimeout/2) confirms "
              + "the replica has the key");
  public static final LockMode REDLOCK_3 =
      redlock(
          "redlock-3",
          "Redlock N=3",
          3,
          FencingMode.NONE,
          false,
          "3 independent masters, quorum 2");
  public static final LockMode REDLOCK_5 =
      redlock(
          "redlock-5",
          "Redlock N=5",
          5,
          FencingMode.NONE,
          false,
          "5 independent masters, quorum 3");
  public static final LockMode REDLOCK_5_FENCED_SINGLE =
      redlock(
          "redlock-5-fenced-single",
          "N=5 + single-node fencing",
          5,
          FencingMode.SINGLE_NODE,
          false,
          "Redlock N=5; token from INCR on node 0; the resource rejects older tokens");
  public static final LockMode REDLOCK_5_FENCED_QUORUM =
      redlock(
          "redlock-5-fenced-quorum",
          "N=5 + quorum fencing",
          5,
          FencingMode.QUORUM,
          false,
          "Redlock N=5; token from the quorum's counters, written back to a majority; the resource "
              + "rejects older tokens");
  public static final LockMode REDLOCK_5_FENCED_QUORUM_CLOCK =
      redlock(
          "redlock-5-fenced-quorum-clock",
          "N=5 + quorum fencing, clock floor",
          5,
          FencingMode.QUORUM_CLOCK_FLOOR,
          false,
          "quorum fencing whose counters are floored at each node's clock in ms, so a lost counter "
              + "restarts near the present; the resource rejects older tokens");

  public static final LockMode REDISSON_RLOCK =
      redisson(
          "redisson-rlock",
          "RLock, lease time",
          1,
          Kind.RLOCK,
          "Redisson 4.7.0 RLock on one master, lease time = TTL");
  public static final LockMode REDISSON_RLOCK_WATCHDOG =
      redisson(
          "redisson-rlock-watchdog",
          "RLock, watchdog",
          1,
          Kind.RLOCK_WATCHDOG,
          "Redisson RLock on one master without a lease time: its watchdog (timeout = TTL) renews "
              + "every TTL/3 until unlock");
  public static final LockMode REDISSON_REDLOCK_5 =
      redisson(
          "redisson-redlock-5",
          "RedissonRedLock N=5",
          5,
          Kind.REDLOCK,
          "Redisson RedissonRedLock over 5 masters (one RedissonClient each), lease time = TTL");
  public static final LockMode REDISSON_FENCED =
      redisson(
          "redisson-fenced",
          "RFencedLock",
          1,
          Kind.FENCED,
          "Redisson RFencedLock on one master, lease time = TTL; token from INCR on a second key; "
              + "the resource rejects older tokens");
  public static final LockMode REDISSON_RLOCK_SENTINEL =
      new LockMode(
          "redisson-rlock-sentinel",
          "RLock via Sentinel",
          LockMode.Group.REDISSON,
          1,
          true,
          true,
          RedissonLockClient.traits(Kind.RLOCK_SENTINEL),
          RedissonLockClient.factory(Kind.RLOCK_SENTINEL),
          "Redisson RLock in Sentinel mode, lease time = TTL, default replica synchronisation: "
              + "each lock script is followed by WAIT <replicas the master reports> 1000 ms, and "
              + "the lock is refused only when none confirmed (checkLockSyncedSlaves)");

  public static final LockMode ZOOKEEPER =
      zookeeper(
          "zookeeper",
          "ZooKeeper (Curator)",
          false,
          "Curator 5.9.0 InterProcessMutex on a 3-node ZooKeeper 3.8 ensemble, session timeout ="
              + " TTL; the holder gives the lock up when Curator reports SUSPENDED or LOST");
  public static final LockMode ZOOKEEPER_FENCED =
      zookeeper(
          "zookeeper-fenced",
          "ZooKeeper + czxid fencing",
          true,
          "as zookeeper; token = the lock node's czxid; the resource rejects older tokens");
  public static final LockMode POSTGRES_ADVISORY =
      postgres(
          "postgres-advisory",
          "PostgreSQL advisory lock",
          false,
          "session-level pg_try_advisory_lock on one PostgreSQL 15, no TTL; a SELECT 1 heartbeat"
              + " every TTL/10 keeps the holder's belief for one TTL past the last success");
  public static final LockMode POSTGRES_ADVISORY_FENCED =
      postgres(
          "postgres-advisory-fenced",
          "PostgreSQL advisory + sequence fencing",
          true,
          "as postgres-advisory; token = nextval of a sequence taken under the lock; the resource"
              + " rejects older tokens");

  public static final LockMode ETCD = etcd("etcd", "etcd lock", false, "unfenced");
  public static final LockMode ETCD_FENCED =
      etcd(
          "etcd-fenced",
          "etcd lock + revision fencing",
          true,
          "fenced by the lock key's create revision; the resource rejects older ones");

  private static final List<LockMode> ALL =
      List.of(
          SINGLE_INSTANCE,
          SINGLE_INSTANCE_FAILOVER,
          SENTINEL,
          SENTINEL_WAIT,
          REDLOCK_3,
          REDLOCK_5,
          REDLOCK_5_FENCED_SINGLE,
          REDLOCK_5_FENCED_QUORUM,
          REDLOCK_5_FENCED_QUORUM_CLOCK,
          REDISSON_RLOCK,
          REDISSON_RLOCK_WATCHDOG,
          REDISSON_REDLOCK_5,
          REDISSON_FENCED,
          REDISSON_RLOCK_SENTINEL,
          ZOOKEEPER,
          ZOOKEEPER_FENCED,
          POSTGRES_ADVISORY,
          POSTGRES_ADVISORY_FENCED,
          ETCD,
          ETCD_FENCED);

  private LockModes() {}

  /** A column that runs this project's redlock-core client. */
  private static LockMode redlock(
      String id, String title, int nodes, FencingMode fencing, boolean replica, String summary) {
    return new LockMode(
        id,
        title,
        nodes == 1 ? LockMode.Group.SINGLE_REDIS : LockMode.Group.REDLOCK,
        nodes,
        replica,
        RedlockLockClient.traits(fencing),
        RedlockLockClient.factory(fencing),
        summary);
  }

  /** A column that runs Redisson (the harness's adapter; Redisson is no dependency of core). */
  private static LockMode redisson(String id, String title, int nodes, Kind kind, String summary) {
    return new LockMode(
        id,
        title,
        LockMode.Group.REDISSON,
        nodes,
        false,
        RedissonLockClient.traits(kind),
        RedissonLockClient.factory(kind),
        summary);
  }

  /** A column that runs Curator on the 3-node ZooKeeper ensemble. */
  private static LockMode zookeeper(String id, String title, boolean fenced, String summary) {
    return reference(
        id,
        title,
        ZooKeeperEnsemble.SIZE,
        ZooKeeperLockClient.traits(fenced),
        ZooKeeperLockClient.factory(fenced),
        summary,
        LockServer.ZOOKEEPER);
  }

  /** A column that runs a PostgreSQL advisory lock on one server. */
  private static LockMode postgres(String id, String title, boolean fenced, String summary) {
    return reference(
        id,
        title,
        1,
        PostgresLockClient.traits(fenced),
        PostgresLockClient.factory(fenced),
        summary,
        LockServer.POSTGRES);
  }

  /** A column that runs redlock-core with N=1 over the Sentinel-discovered master. */
  private static LockMode sentinel(String id, String title, boolean wait, String summary) {
    return new LockMode(
        id,
        title,
        LockMode.Group.SINGLE_REDIS,
        1,
        true,
        true,
        RedlockLockClient.traits(FencingMode.NONE),
        RedlockLockClient.factory(FencingMode.NONE, wait),
        summary);
  }

  /** A column that runs etcd's lock service through jetcd on the 3-member cluster. */
  private static LockMode etcd(String id, String title, boolean fenced, String what) {
    return reference(
        id,
        title,
        3,
        EtcdLockClient.traits(fenced),
        EtcdLockClient.factory(fenced),
        "etcd 3.4 lock service (jetcd) on a 3-member cluster, one lease per acquisition with the "
            + "scenario's TTL, kept alive every TTL/3; "
            + what,
        LockServer.ETCD);
  }

  /** A column of the consensus/database group: its own servers, no replicas, no Sentinel. */
  private static LockMode reference(
      String id,
      String title,
      int nodes,
      LockClientTraits traits,
      LockClientFactory clients,
      String summary,
      LockServer server) {
    return new LockMode(
        id,
        title,
        LockMode.Group.CONSENSUS_DATABASE,
        nodes,
        false,
        false,
        traits,
        clients,
        summary,
        server);
  }

  /** Every mode, in report order. */
  public static List<LockMode> all() {
    return ALL;
  }

  public static Optional<LockMode> find(String id) {
    return ALL.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** Every id, comma-separated, for error messages. */
  public static String ids() {
    return String.join(", ", ALL.stream().map(LockMode::id).toList());
  }
}
