package io.redlocklab.harness.nemesis;

import static io.redlocklab.harness.nemesis.NemesisHarness.open;
import static io.redlocklab.harness.nemesis.NemesisHarness.pingError;
import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.cluster.Connections;
import io.redlocklab.harness.cluster.Topology;
import io.redlocklab.testkit.Persistence;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Process faults on real redis-servers: node 0 without persistence, node 1 with AOF always, node 2
 * with AOF everysec.
 */
class ProcessNemesesIT {

  @RegisterExtension
  static final NemesisCluster lab =
      new NemesisCluster(
          Topology.builder()
              .masters(3)
              .clients(1)
              .persistence(1, Persistence.AOF_ALWAYS)
              .persistence(2, Persistence.AOF_EVERYSEC)
              .build());

  @Test
  void pausedNodeLeavesPingHangingUntilResumed() throws Exception {
    Nemesis pause = lab.harness().nemesis("pause-node", 1_000, Map.of("nodes", List.of(0)));
    pause.start();
    long stopAt;
    CompletableFuture<Long> pingDoneAt;
    try {
      assertThat(pingError(lab.cluster().directNode(0), 300))
          .as("PING while paused")
          .contains("timed out");
      pingDoneAt =
          CompletableFuture.supplyAsync(
              () -> {
                try (Jedis jedis = Connections.open(lab.cluster().lockNodes(0).get(0), 5_000)) {
                  jedis.ping();
                  return System.nanoTime();
                }
              });
      Thread.sleep(300);
      assertThat(pingDoneAt).as("PING through the proxy blocks").isNotDone();
    } finally {
      stopAt = System.nanoTime();
      pause.stop();
    }
    assertThat(pingDoneAt.get(5, TimeUnit.SECONDS))
        .as("answered after the resume")
        .isGreaterThan(stopAt);
    assertThat(pingError(lab.cluster().directNode(0), 300)).isNull();
    lab.harness().assertStartVerifiedStop("pause-node");
  }

  @Test
  void crashWithoutPersistenceLosesTheKey() {
    long pidBefore = lab.cluster().node(0).pid().orElseThrow();
    try (Jedis jedis = open(lab.cluster().directNode(0))) {
      jedis.set("volatile", "x");
    }

    crashAndRestart(0);

    assertThat(lab.cluster().node(0).pid().orElseThrow()).isNotEqualTo(pidBefore);
    try (Jedis jedis = open(lab.cluster().directNode(0))) {
      assertThat(jedis.exists("volatile")).isFalse();
    }
    assertThat(lab.harness().details("crash-node").get(1))
        .contains("pid " + pidBefore)
        .contains("gone");
  }

  @Test
  void crashWithAofAlwaysKeepsTheKey() {
    try (Jedis jedis = open(lab.cluster().directNode(1))) {
      jedis.set("durable", "x");
    }

    crashAndRestart(1);

    try (Jedis jedis = open(lab.cluster().directNode(1))) {
      assertThat(jedis.get("durable")).isEqualTo("x");
    }
    assertThat(lab.harness().details("crash-node").get(2)).contains("with 1 key(s)");
  }

  @Test
  void crashWithAofEverysecKeepsWhatWasSyncedASecondAgo() throws InterruptedException {
    try (Jedis jedis = open(lab.cluster().directNode(2))) {
      jedis.set("synced", "x");
    }
    Thread.sleep(1_500); // everysec: fsynced within about a second

    crashAndRestart(2);

    try (Jedis jedis = open(lab.cluster().directNode(2))) {
      assertThat(jedis.get("synced")).isEqualTo("x");
    }
  }

  @Test
  void delayedRestartReallyWaits() throws Exception {
    Fault crash = Fault.of(FaultType.CRASH_NODE, 0, 700, Map.of("nodes", List.of(0)));
    try (Timeline timeline =
        lab.harness().factory.timeline(List.of(crash), lab.harness().context)) {
      long start = System.nanoTime();
      timeline.start(start);
      long downSince = 0;
      long upAgain = 0;
      while (upAgain == 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
        boolean answers = pingError(lab.cluster().directNode(0), 200) == null;
        if (!answers && downSince == 0) {
          downSince = System.nanoTime();
        } else if (answers && downSince != 0) {
          upAgain = System.nanoTime();
        }
        Thread.sleep(5);
      }
      assertThat(timeline.awaitDone(5_000)).isTrue();
      assertThat(timeline.failures()).isEmpty();
      assertThat(downSince).as("went down").isPositive();
      assertThat((upAgain - start) / 1e6)
          .as("ms until it answered again")
          .isBetween(700.0, 2_000.0);
    }
    lab.harness().assertStartVerifiedStop("crash-node");
  }

  private void crashAndRestart(int node) {
    Nemesis crash = lab.harness().nemesis("crash-node", 0, Map.of("nodes", List.of(node)));
    crash.start();
    assertThat(lab.cluster().node(node).isAlive()).isFalse();
    assertThat(pingError(lab.cluster().directNode(node), 300)).isNotNull();
    crash.stop();
    assertThat(pingError(lab.cluster().directNode(node), 300)).isNull();
    lab.harness().assertStartVerifiedStop("crash-node");
  }
}
