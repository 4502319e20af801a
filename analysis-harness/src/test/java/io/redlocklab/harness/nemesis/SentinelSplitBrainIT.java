package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.cluster.Connections;
import io.redlocklab.harness.cluster.ServerHandle;
import io.redlocklab.harness.cluster.Topology;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockRefusedException;
import io.redlocklab.harness.mode.LockModes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * {@code sentinel-failover how: split-brain} on a Sentinel topology of its own (Sentinel does not
 * fail the same master over twice within its failover timeout, which the harness sets past any
 * run): clients 1 and 2 keep the old master but lose the sentinels, client 0 follows the promoted
 * replica.
 */
class SentinelSplitBrainIT {

  @RegisterExtension
  static final NemesisCluster lab =
      new NemesisCluster(Topology.builder().masters(1).clients(3).sentinel(true).build());

  /**
   * Both sides are granted the same lock at once, each on its own master: our client and
   * Redisson's, each reaching the servers only through its address map. After the heal the old side
   * follows the new master too.
   */
  @Test
  void bothSidesAreGrantedTheSameLockOnTheirOwnMasters() {
    ServerHandle oldMaster = lab.cluster().node(0);
    try (LockClient following = lab.sentinelClient(LockModes.SENTINEL, 0);
        LockClient kept = lab.sentinelClient(LockModes.SENTINEL, 1);
        LockClient keptRedisson = lab.sentinelClient(LockModes.REDISSON_RLOCK_SENTINEL, 2)) {
      for (LockClient client : List.of(following, kept, keptRedisson)) {
        acquireRetrying(client, "before").release();
      }

      Nemesis split =
          lab.harness()
              .nemesis(
                  "sentinel-failover",
                  1_000,
                  Map.of("how", "split-brain", "clients", List.of(1, 2)));
      split.start();
      try {
        assertThat(lab.cluster().node(0)).isNotSameAs(oldMaster);
        HeldLease onTheNewMaster = following.acquire("split", Duration.ofSeconds(10));
        HeldLease onTheOldMaster = acquireRetrying(kept, "split");
        HeldLease redissonOnTheOldMaster = acquireRetrying(keptRedisson, "split-redisson");
        long now = System.nanoTime();
        for (HeldLease lease : List.of(onTheNewMaster, onTheOldMaster, redissonOnTheOldMaster)) {
          assertThat(lease.believedUntilNanos()).isGreaterThan(now);
        }
        assertThat(Probes.info(oldMaster.address(), "replication", "role")).isEqualTo("master");
        // Redisson's lock is a hash under the resource's own name: only the old master has it.
        assertThat(exists(oldMaster, "split-redisson")).isTrue();
        assertThat(exists(lab.cluster().node(0), "split-redisson")).isFalse();
        onTheNewMaster.release();
      } finally {
        split.stop();
      }
      assertThat(Probes.info(oldMaster.address(), "replication", "role")).isEqualTo("slave");
      acquireRetrying(kept, "after").release();
      acquireRetrying(keptRedisson, "after-redisson").release();
    }
    lab.harness().assertStartVerifiedStop("sentinel-failover");
    assertThat(lab.harness().details("sentinel-failover").get(1))
        .containsPattern(
            "promoted by Sentinel .* ms after the master was cut off; through c1-n0(-replica)? the"
                + " old master still says role:master");
  }

  /**
   * Granted within 10 s, trying again after a refusal: Redisson refuses its first attempt on the
   * old master (NoSyncedSlavesException: it still counts the replica the master had, and WAIT gets
   * none), then reads connected_slaves:0 and grants; after the heal it follows the new master at
   * its next scan of the sentinels.
   */
  private static HeldLease acquireRetrying(LockClient client, String resource) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return client.acquire(resource, Duration.ofSeconds(2));
      } catch (LockRefusedException e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
        Probes.sleep(100);
      }
    }
  }

  private static boolean exists(ServerHandle server, String key) {
    try (Jedis jedis = Connections.open(server.address(), 2_000)) {
      return jedis.exists(key);
    }
  }
}
