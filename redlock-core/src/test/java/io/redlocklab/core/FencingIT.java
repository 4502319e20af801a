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

  private static long token(Redlock client) {
    try (Lease lease = client.acquire("fenced", Duration.ZERO)) {
      return lease.fencingToken().orElseThrow();
    }
  }
}
