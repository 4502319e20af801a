package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.core.NodeOutcome.Status;
import io.redlocklab.testkit.RedisNodesExtension;
import io.redlocklab.testkit.SentinelGroup;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The replicated-lease option on a Sentinel-managed pair: a lease counts only once the replica
 * acknowledged it ({@code WAIT 1}); with the replica stopped the acquire fails in time and leaves
 * nothing behind.
 */
class ReplicatedLeaseIT {

  private static final Duration NODE_TIMEOUT = Duration.ofMillis(300);
  private static final Duration WAIT_TIMEOUT = Duration.ofMillis(100);

  private static SentinelGroup group;
  private io.redlocklab.testkit.RedisNode master;
  private io.redlocklab.testkit.RedisNode replica;

  @AfterAll
  static void stopGroup() {
    if (group != null) {
      group.close();
    }
  }

  // Checked before each test, so that missing servers show as skipped tests, not as none.
  @BeforeEach
  void startGroupAndFindRoles() {
    RedisNodesExtension.requireSentinelServers();
    if (group == null) {
      group = SentinelGroup.start();
    }
    master = group.master();
    replica = group.other(master);
    try (Jedis jedis = master.direct()) {
      jedis.flushAll();
    }
  }

  @AfterEach
  void resumeReplica() {
    if (replica != null && replica.server().isPaused()) {
      replica.server().resume();
    }
  }

  private static Redlock newClient(boolean replicated) {
    return Redlock.create(config(replicated).build());
  }

  private static RedlockConfig.Builder config(boolean replicated) {
    RedlockConfig.Builder builder =
        RedlockConfig.builder()
            .node(SentinelLockIT.sentinelNode(group))
            .ttl(Duration.ofSeconds(5))
            .nodeTimeout(NODE_TIMEOUT)
            .randomSeed(1);
    if (replicated) {
      builder.replicatedLease(1, WAIT_TIMEOUT);
    }
    return builder;
  }

  @Test
  void aLeaseIsGrantedOnceTheReplicaHasTheKey() {
    try (Redlock client = newClient(true)) {
      Lease lease = client.acquire("replicated", Duration.ofSeconds(2));

      // WAIT returned 1, so the replica has applied the SET before the lease was handed out.
      assertThat(get(replica, "redlock:replicated")).isEqualTo(lease.value());
      assertThat(get(master, "redlock:replicated")).isEqualTo(lease.value());
      assertThat(lease.extend(Duration.ofSeconds(5))).isPositive();
      assertThat(lease.release()).isEqualTo(1);
    }
  }

  @Test
  void aFencedLeaseWaitsForTheScriptsWritesToo() {
    try (Redlock client = Redlock.create(config(true).fencing(FencingMode.QUORUM).build())) {
      Lease lease = client.acquire("fenced", Duration.ofSeconds(2));

      long token = lease.fencingToken().orElseThrow();
      assertThat(get(replica, "redlock:fenced")).isEqualTo(lease.value());
      assertThat(get(replica, "redlock:fenced:fence")).isEqualTo(Long.toString(token));
      lease.release();
    }
  }

  @Test
  void withTheReplicaStoppedTheAcquireFailsInTimeAndLeavesNoKey() {
    try (Redlock client = newClient(true)) {
      client.acquire("warm-up", Duration.ofSeconds(2)).release();
      replica.server().pause();

      long start = System.nanoTime();
      assertThatThrownBy(() -> client.acquire("unreplicated", Duration.ZERO))
          .isInstanceOfSatisfying(
              QuorumUnreachableException.class,
              e ->
                  assertThat(e.nodeOutcomes())
                      .singleElement()
                      .satisfies(
                          outcome -> {
                            assertThat(outcome.status()).isEqualTo(Status.ERROR);
                            assertThat(outcome.detail())
                                .isEqualTo("WAIT: 0 of 1 replicas acknowledged within 100 ms");
                            assertThat(outcome.latency()).isLessThan(NODE_TIMEOUT);
                          }));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // The votes within one node timeout, the release within two more.
      assertThat(took).isLessThan(NODE_TIMEOUT.multipliedBy(3));
      assertThat(get(master, "redlock:unreplicated")).as("released on the master").isNull();
    }
  }

  @Test
  void withoutTheOptionTheSameCutGoesUnnoticed() {
    try (Redlock client = newClient(false)) {
      replica.server().pause();

      Lease lease = client.acquire("unreplicated", Duration.ZERO);

      assertThat(get(master, "redlock:unreplicated")).isEqualTo(lease.value());
      replica.server().resume();
      Cluster.eventually(
          () -> assertThat(get(replica, "redlock:unreplicated")).isEqualTo(lease.value()));
    }
  }

  @Test
  void anExtendTheReplicaDidNotAcknowledgeFails() {
    try (Redlock client = newClient(true)) {
      Lease lease = client.acquire("extended", Duration.ofSeconds(2));
      replica.server().pause();

      assertThatThrownBy(() -> lease.extend(Duration.ofSeconds(5)))
          .isInstanceOf(LeaseExpiredException.class)
          .hasMessageContaining("the lease was not extended");
    }
  }

  private static String get(io.redlocklab.testkit.RedisNode server, String key) {
    try (Jedis jedis = server.direct()) {
      return jedis.get(key);
    }
  }
}
