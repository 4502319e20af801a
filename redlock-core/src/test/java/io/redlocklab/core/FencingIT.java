package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.WithRedisNodes;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where fencing tokens come from, and when each source keeps them monotonic. */
@WithRedisNodes(count = 5)
class FencingIT {

  private Cluster cluster;
  private RedisNodes nodes;

  @BeforeEach
  void connect(RedisNodes nodes) {
    this.nodes = nodes;
    this.cluster = new Cluster(nodes);
  }

  private Redlock client(FencingMode mode) {
    return Redlock.create(
        cluster
            .config()
            .ttl(Duration.ofSeconds(5))
            .nodeTimeout(Duration.ofMillis(200))
            .fencing(mode)
            .fencingNode(0)
            .build());
  }

  private long counterOn(int node, String resource) {
    String value = cluster.direct(node, jedis -> jedis.get("redlock:" + resource + ":fence"));
    return value == null ? 0 : Long.parseLong(value);
  }

  @Test
  void quorumTokensRiseEvenWhenTheNodeWithTheHighestCounterIsGone() {
    try (Redlock client = client(FencingMode.QUORUM)) {
      long first = token(client);
      long second = token(client);
      assertThat(second).isGreaterThan(first);

      // Failed attempts against node 0 alone push its counter far ahead of the others (8 of them,
      // so
      // that one late increment landing on node 1 around the cut cannot close the gap).
      cluster.cut(1, 2, 3, 4);
      for (int i = 0; i < 8; i++) {
        assertThatThrownBy(() -> client.acquire("fenced", Duration.ZERO))
            .isInstanceOf(QuorumUnreachableException.class);
      }
      assertThat(counterOn(0, "fenced")).isGreaterThan(counterOn(1, "fenced") + 4);

      // Quorum {0,1,2}: the token is node 0's high counter, written back to a majority.
      cluster.heal(1, 2);
      long third = token(client);
      assertThat(third).isGreaterThan(second).isEqualTo(counterOn(0, "fenced"));
      assertThat(counterOn(2, "fenced")).as("write-back raised node 2").isEqualTo(third);

      // Quorum {2,3,4} without node 0: node 2 carries the written-back counter.
      cluster.cut(0, 1);
      cluster.heal(3, 4);
      long fourth = token(client);
      assertThat(fourth).isGreaterThan(third);
    }
  }

  @Test
  void singleNodeTokensRiseWhileTheNodeKeepsItsData() {
    try (Redlock client = client(FencingMode.SINGLE_NODE)) {
      long previous = 0;
      for (int i = 0; i < 5; i++) {
        long token = token(client);
        assertThat(token).isGreaterThan(previous);
        previous = token;
      }
    }
  }

  @Test
  void singleNodeTokensGoBackwardsWhenTheNodeRestartsWithoutPersistence() {
    // Kleppmann 2016 and the Redisson fenced-lock caveat: the counter lives on one node only.
    try (Redlock client = client(FencingMode.SINGLE_NODE)) {
      long before = 0;
      for (int i = 0; i < 3; i++) {
        before = token(client);
      }
      nodes.node(0).server().restart();

      long after = token(client);
      assertThat(after)
          .as("the token went backwards: %d after %d", after, before)
          .isLessThan(before);
    }
  }

  @Test
  void quorumTokensSurviveTheSameRestart() {
    try (Redlock client = client(FencingMode.QUORUM)) {
      long before = 0;
      for (int i = 0; i < 3; i++) {
        before = token(client);
      }
      nodes.node(0).server().restart();

      assertThat(token(client)).isGreaterThan(before);
    }
  }

  @Test
  void quorumTokensGoBackwardsWhenTheNewQuorumMeetsTheWriteBackOnlyInARestartedNode() {
    // Scenario 18 in one process: W = {0,1,2}, node 0 restarts empty, Q' = {0,3,4}.
    long[] beforeAndAfter = tokensAcrossALostIntersection(FencingMode.QUORUM, "fenced-lost");
    assertThat(beforeAndAfter[1])
        .as("the token went backwards: %d after %d", beforeAndAfter[1], beforeAndAfter[0])
        .isLessThan(beforeAndAfter[0]);
  }

  @Test
  void clockFlooredQuorumTokensRiseAcrossTheSameLoss() {
    long[] beforeAndAfter =
        tokensAcrossALostIntersection(FencingMode.QUORUM_CLOCK_FLOOR, "fenced-floored");
    assertThat(beforeAndAfter[1]).isGreaterThan(beforeAndAfter[0]);
    assertThat(beforeAndAfter[0])
        .as("floored at the node clock in ms")
        .isGreaterThan(System.currentTimeMillis() - 60_000);
  }

  /**
   * Three tokens through nodes {0,1,2} only; node 0 restarts without persistence; one token through
   * {0,3,4}. Returns the last token before and the token after.
   */
  private long[] tokensAcrossALostIntersection(FencingMode mode, String resource) {
    try (Redlock client = client(mode)) {
      cluster.cut(3, 4);
      long before = 0;
      for (int i = 0; i < 3; i++) {
        before = token(client, resource);
      }
      nodes.node(0).server().restart();
      cluster.cut(1, 2);
      cluster.heal(3, 4);
      // Retried: the first attempt meets the connections that the restart and the cut closed.
      long after;
      try (Lease lease = client.acquire(resource, Duration.ofSeconds(2))) {
        after = lease.fencingToken().orElseThrow();
      }
      cluster.heal(1, 2);
      return new long[] {before, after};
    }
  }

  private static long token(Redlock client) {
    return token(client, "fenced");
  }

  private static long token(Redlock client, String resource) {
    try (Lease lease = client.acquire(resource, Duration.ZERO)) {
      return lease.fencingToken().orElseThrow();
    }
  }
}
