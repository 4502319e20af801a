package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.testkit.SentinelGroup.MasterFault;
import io.redlocklab.testkit.SentinelGroup.Promotion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class SentinelGroupIT {

  private static final Duration PROMOTION_BOUND = Duration.ofSeconds(15);

  @BeforeEach
  void requireServers() {
    RedisNodesExtension.requireSentinelServers();
  }

  @Test
  void promotesTheReplicaWhenTheMasterIsKilledAndStopsEveryProcess() {
    SentinelGroup group = SentinelGroup.start();
    List<Long> pids = pids(group);
    Path runDir = group.runDir();
    try {
      RedisNode master = group.master();
      assertThat(master.name()).isEqualTo("redis-0");
      assertThat(SentinelGroup.replicationField(group.other(master), "master_port"))
          .as("the replica replicates through the master's proxy")
          .isEqualTo(Integer.toString(master.proxyPort()));

      MasterFault fault = group.killMaster();
      Promotion promotion = group.awaitPromotion(fault, PROMOTION_BOUND);

      System.out.printf("sentinel failover after kill: %d ms%n", promotion.took().toMillis());
      assertThat(promotion.newMaster().name()).isEqualTo("redis-1");
      assertThat(promotion.took()).isLessThan(PROMOTION_BOUND);
      assertThat(group.master()).isSameAs(promotion.newMaster());
      try (Jedis client = promotion.newMaster().proxied()) {
        assertThat(client.set("after-failover", "v")).isEqualTo("OK");
      }
    } finally {
      group.close();
      group.close();
    }
    pids.forEach(pid -> assertThat(Path.of("/proc/" + pid)).as("pid %d", pid).doesNotExist());
    assertThat(runDir).doesNotExist();
  }

  @Test
  void promotesTheReplicaWhenTheMasterIsCutOffAndTheOldMasterRejoinsAsReplica() {
    try (SentinelGroup group = SentinelGroup.start()) {
      RedisNode oldMaster = group.master();

      MasterFault fault = group.isolateMaster();
      Promotion promotion = group.awaitPromotion(fault, PROMOTION_BOUND);
      System.out.printf("sentinel failover after isolation: %d ms%n", promotion.took().toMillis());
      assertThat(promotion.newMaster()).isSameAs(group.other(oldMaster));
      assertThat(SentinelGroup.replicationField(oldMaster, "role"))
          .as("cut off, the old master does not know it was replaced")
          .isEqualTo("master");

      group.heal();

      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!"slave".equals(SentinelGroup.replicationField(oldMaster, "role"))
          && System.nanoTime() < deadline) {
        ManagedProcess.sleepQuietly(50);
      }
      assertThat(SentinelGroup.replicationField(oldMaster, "role")).isEqualTo("slave");
      assertThat(SentinelGroup.replicationField(oldMaster, "master_port"))
          .isEqualTo(Integer.toString(promotion.newMaster().proxyPort()));
    }
  }

  @Test
  void promotesTheReplicaWhenTheMasterIsPaused() {
    try (SentinelGroup group = SentinelGroup.start()) {
      MasterFault fault = group.pauseMaster();
      Promotion promotion = group.awaitPromotion(fault, PROMOTION_BOUND);

      System.out.printf("sentinel failover after pause: %d ms%n", promotion.took().toMillis());
      assertThat(fault.oldMaster().server().isPaused()).isTrue();
      assertThat(promotion.newMaster()).isSameAs(group.other(fault.oldMaster()));
    }
  }

  private static List<Long> pids(SentinelGroup group) {
    List<Long> pids = new ArrayList<>();
    group.servers().forEach(server -> pids.add(server.server().pid()));
    group.sentinels().forEach(sentinel -> pids.add(sentinel.pid()));
    pids.add(group.toxiproxy().pid());
    pids.forEach(pid -> assertThat(Path.of("/proc/" + pid)).exists());
    return pids;
  }
}
