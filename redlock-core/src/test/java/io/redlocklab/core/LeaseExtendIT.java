package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.WithRedisNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.SetParams;

/**
 * A lease never claims validity the nodes no longer back, whatever an extend did. Each test ends
 * with a plain Jedis rival taking the keys directly on the nodes as soon as they are free: the
 * moment it holds a majority must not come before the lease's end.
 */
@WithRedisNodes(count = 5)
class LeaseExtendIT {

  private static final Duration TTL = Duration.ofSeconds(10);
  private static final Duration NODE_TIMEOUT = Duration.ofMillis(100);

  private Cluster cluster;
  private RedisNodes nodes;

  @BeforeEach
  void connect(RedisNodes nodes) {
    this.nodes = nodes;
    this.cluster = new Cluster(nodes);
  }

  private Redlock client(Duration ttl) {
    return Redlock.create(cluster.config().ttl(ttl).nodeTimeout(NODE_TIMEOUT).build());
  }

  @Test
  void aShortExtendThatFailsShortensTheLeaseToWhatTheNodesBack() throws Exception {
    try (Redlock client = client(TTL)) {
      Lease lease = client.acquire("short-extend", Duration.ZERO);
      Cluster.eventually(() -> assertThat(cluster.holders("short-extend")).hasSize(5));
      lease.extend(TTL); // loads the script everywhere: a NOSCRIPT reply would be lost below
      // Nodes 3 and 4 are cut; node 2 applies the request but its reply is lost. Only 0 and 1
      // answer OK: a minority, yet three nodes now carry the short TTL.
      cluster.cut(3, 4);
      var lostReply =
          nodes.node(2).proxy().toxics().timeout("lost-reply", ToxicDirection.DOWNSTREAM, 0);

      assertThatThrownBy(() -> lease.extend(Duration.ofMillis(600)))
          .isInstanceOf(LeaseExpiredException.class)
          .hasMessageContaining("2 ok");
      assertThat(lease.remainingValidity()).isLessThanOrEqualTo(Duration.ofMillis(600));
      assertThat(cluster.pttl(2, "short-extend")).as("node 2 applied it").isLessThanOrEqualTo(600);

      lostReply.remove();
      cluster.heal(3, 4);
      long rivalMajorityAt = rivalTakesAMajority("short-extend", 3);
      assertThat(rivalMajorityAt).isGreaterThanOrEqualTo(lease.validUntilNanos());
      assertThat(lease.isValid()).isFalse();
    }
  }

  @Test
  void aLongExtendThatFailsKeepsTheOldValidity() throws Exception {
    try (Redlock client = client(Duration.ofSeconds(3))) {
      Lease lease = client.acquire("long-extend", Duration.ZERO);
      long before = lease.validUntilNanos();
      cluster.cut(2, 3, 4);

      assertThatThrownBy(() -> lease.extend(Duration.ofSeconds(30)))
          .isInstanceOf(LeaseExpiredException.class);
      assertThat(lease.validUntilNanos()).isEqualTo(before);
      cluster.heal(2, 3, 4);
      lease.release();
    }
  }

  @Test
  void extendWithoutAPositiveTtlIsRejectedBeforeAnythingIsSent() {
    try (Redlock client = client(TTL)) {
      Lease lease = client.acquire("zero-extend", Duration.ZERO);
      Cluster.eventually(() -> assertThat(cluster.holders("zero-extend")).hasSize(5));
      long evalsBefore = cluster.commandCalls(0, "evalsha") + cluster.commandCalls(0, "eval");

      for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-5), null}) {
        assertThatThrownBy(() -> lease.extend(bad))
            .isInstanceOf(RedlockArgumentException.class)
            .hasMessageStartingWith("ttl: must be > 0");
      }
      assertThatThrownBy(() -> lease.extend(Duration.ofDays(2)))
          .isInstanceOf(RedlockArgumentException.class)
          .hasMessageContaining("at most 24 h");

      assertThat(cluster.commandCalls(0, "evalsha") + cluster.commandCalls(0, "eval"))
          .as("nothing was sent")
          .isEqualTo(evalsBefore);
      assertThat(lease.isValid()).isTrue();
      for (int i = 0; i < 5; i++) {
        assertThat(cluster.valueOn(i, "zero-extend")).isEqualTo(lease.value());
        assertThat(cluster.pttl(i, "zero-extend")).isGreaterThan(9000L);
      }
      lease.release();
    }
  }

  @Test
  void anExtendRacingExpiryNeverRevivesTheKeysNorOverclaims() throws Exception {
    for (int i = 0; i < 5; i++) {
      nodes.node(i).proxy().toxics().latency("slow", ToxicDirection.UPSTREAM, 15);
    }
    Duration ttl = Duration.ofMillis(400);
    try (Redlock client = client(ttl)) {
      // The extend is sent when the lease has 20 ms down to -10 ms left on the nodes; each request
      // takes 15 ms to arrive, so some land before expiry and some after.
      for (long lead = 20; lead >= -10; lead -= 5) {
        String resource = "race-" + lead;
        Lease lease = client.acquire(resource, Duration.ofSeconds(2));
        long keyExpiry = lease.validUntilNanos() + (long) (ttl.toNanos() * 0.01) + 2_000_000L;
        sleepUntil(keyExpiry - lead * 1_000_000L);
        boolean extended;
        try {
          lease.extend(Duration.ofMillis(700));
          extended = true;
        } catch (LeaseExpiredException e) {
          extended = false;
        }
        long rivalMajorityAt = rivalTakesAMajority(resource, 3);
        assertThat(rivalMajorityAt)
            .as("lead %d ms, extended %s: the rival waits for the lease's end", lead, extended)
            .isGreaterThanOrEqualTo(lease.validUntilNanos());
      }
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  /**
   * A rival that bypasses the proxies and takes each node's key the moment it is free; returns the
   * {@link System#nanoTime()} at which it holds {@code majority} nodes.
   */
  private long rivalTakesAMajority(String resource, int majority) throws InterruptedException {
    List<Integer> taken = new ArrayList<>();
    SetParams params = SetParams.setParams().nx().px(30_000);
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < cluster.size(); i++) {
        int node = i;
        if (!taken.contains(node)
            && "OK"
                .equals(
                    cluster.direct(
                        node, jedis -> jedis.set("redlock:" + resource, "rival", params)))) {
          taken.add(node);
        }
      }
      if (taken.size() >= majority) {
        return System.nanoTime();
      }
      Thread.sleep(1);
    }
    throw new AssertionError("the rival never took a majority of '" + resource + "'");
  }
}
