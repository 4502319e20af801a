package io.redlocklab.harness.nemesis;

import static io.redlocklab.harness.nemesis.NemesisHarness.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.cluster.ServerHandle;
import io.redlocklab.harness.cluster.Topology;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Replication faults: 2 masters, each with an async replica behind a replication proxy; 2 clients.
 */
class ReplicationNemesesIT {

  @RegisterExtension
  static final NemesisCluster lab =
      new NemesisCluster(Topology.builder().masters(2).clients(2).replicas(true).build());

  @Test
  void cutReplicationKeepsWritesFromTheReplicaUntilHealed() throws InterruptedException {
    RedisNode replica = lab.cluster().replica(0).orElseThrow().address();
    Nemesis cut = lab.harness().nemesis("cut-replication", 1_000, Map.of("nodes", List.of(0)));

    cut.start();
    try (Jedis master = open(lab.cluster().directNode(0));
        Jedis copy = open(replica)) {
      master.set("during-cut", "x");
      Thread.sleep(300);
      assertThat(copy.exists("during-cut")).as("replicated during the cut").isFalse();

      cut.stop();

      assertThat(awaitKey(copy, "during-cut")).as("replicated after healing").isTrue();
    }
    lab.harness().assertStartVerifiedStop("cut-replication");
    assertThat(lab.harness().details("cut-replication").get(1)).contains("master_link_status:down");
  }

  @Test
  void failoverLosesTheKeyTheReplicaNeverGot() throws InterruptedException {
    ServerHandle oldMaster = lab.cluster().node(1);
    ServerHandle replica = lab.cluster().replica(1).orElseThrow();
    try (Jedis master = open(lab.cluster().directNode(1));
        Jedis copy = open(replica.address())) {
      master.set("replicated", "x");
      assertThat(awaitKey(copy, "replicated")).isTrue();
    }
    Nemesis cut = lab.harness().nemesis("cut-replication", 5_000, Map.of("nodes", List.of(1)));
    Nemesis failover = lab.harness().nemesis("failover", 0, Map.of("nodes", List.of(1)));

    cut.start();
    try (Jedis master = open(lab.cluster().directNode(1))) {
      master.set("unreplicated", "x"); // acknowledged by the master, never sent to the replica
    }
    failover.start();
    failover.stop();
    cut.stop();

    assertThat(oldMaster.isAlive()).isFalse();
    assertThat(lab.cluster().node(1)).isSameAs(replica);
    for (int client = 0; client < 2; client++) {
      try (Jedis viaProxy = open(lab.cluster().lockNodes(client).get(1))) {
        assertThat(viaProxy.get("replicated")).isEqualTo("x");
        assertThat(viaProxy.exists("unreplicated"))
            .as("client %d sees the acknowledged write", client)
            .isFalse();
        assertThat(viaProxy.set("writable", "yes")).isEqualTo("OK");
      }
    }
    lab.harness().assertStartVerifiedStop("failover");
    assertThat(lab.harness().details("failover").get(1))
        .contains("n1-replica")
        .contains("role:master");
    assertThat(lab.harness().details("cut-replication").get(2)).contains("node 1 was failed over");
  }

  private static boolean awaitKey(Jedis jedis, String key) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (jedis.exists(key)) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
