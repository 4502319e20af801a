package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.NodeOutcome.Status;
import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.WithRedisNodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watchdog's batch renewal judges every lease on its own keys, checked on real nodes. */
@WithRedisNodes(count = 5)
class BatchExtensionIT {

  private static final Duration TTL = Duration.ofSeconds(2);
  private static final Duration LONGER = Duration.ofSeconds(10);

  private Cluster cluster;

  @BeforeEach
  void connect(RedisNodes nodes) {
    this.cluster = new Cluster(nodes);
  }

  private Redlock client() {
    return Redlock.create(cluster.config().ttl(TTL).nodeTimeout(Duration.ofMillis(200)).build());
  }

  @Test
  void extendsExactlyTheLeasesThatStillHoldAQuorumOfTheirKeys() throws Exception {
    try (Redlock client = client()) {
      Lease everywhere = client.acquire("everywhere", Duration.ZERO);
      Lease onTwo = client.acquire("on-two", Duration.ZERO);
      Lease onThree = client.acquire("on-three", Duration.ZERO);
      Lease released = client.acquire("released", Duration.ZERO);
      released.release();
      deleteOn("on-two", 0, 1, 2);
      deleteOn("on-three", 0, 1);
      long onTwoBefore = onTwo.validUntilNanos();

      BatchExtension.Result result =
          client.extendAll(List.of(everywhere, onTwo, onThree, released), LONGER);

      assertThat(result.failures()).containsOnlyKeys(onTwo);
      assertThat(result.failures().get(onTwo).nodeOutcomes())
          .extracting(NodeOutcome::status)
          .containsExactly(Status.TAKEN, Status.TAKEN, Status.TAKEN, Status.OK, Status.OK);
      assertThat(everywhere.remainingValidity()).isGreaterThan(TTL);
      assertThat(onThree.remainingValidity()).isGreaterThan(TTL);
      assertThat(onTwo.validUntilNanos())
          .as("a failed renewal never raises")
          .isEqualTo(onTwoBefore);
      assertThat(cluster.pttl(0, "everywhere")).isGreaterThan(TTL.toMillis());
      assertThat(cluster.pttl(4, "on-three")).isGreaterThan(TTL.toMillis());
      assertThat(cluster.holders("on-two")).as("never recreated").containsExactly(3, 4);
      assertThat(cluster.holders("released")).as("never revived").isEmpty();
    }
  }

  @Test
  void aRenewalOverlappingAnExtendKeepsTheLowerValidity() {
    try (Redlock client = client()) {
      Lease lease = client.acquire("overlap", Duration.ZERO);
      long sentWith = lease.validUntilNanos();
      lease.extend(Duration.ofSeconds(5));
      long extended = lease.validUntilNanos();

      lease.renewed(sentWith, extended + 1_000_000_000L, true);
      assertThat(lease.validUntilNanos()).as("overlapped: the lower one").isEqualTo(extended);

      lease.renewed(extended, extended + 1_000_000_000L, true);
      assertThat(lease.validUntilNanos()).as("alone: raised").isEqualTo(extended + 1_000_000_000L);

      lease.renewed(lease.validUntilNanos(), extended - 1_000_000_000L, false);
      assertThat(lease.validUntilNanos())
          .as("failed: lowered")
          .isEqualTo(extended - 1_000_000_000L);
    }
  }

  /** Deletes the lock key on the nodes, once every node's acquire has landed. */
  private void deleteOn(String resource, int... nodes) {
    Cluster.eventually(() -> assertThat(cluster.holders(resource)).hasSize(cluster.size()));
    for (int node : nodes) {
      cluster.direct(node, jedis -> jedis.del("redlock:" + resource));
    }
  }
}
