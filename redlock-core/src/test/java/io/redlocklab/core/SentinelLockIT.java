package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import io.redlocklab.testkit.Proxies;
import io.redlocklab.testkit.RedisNodesExtension;
import io.redlocklab.testkit.SentinelGroup;
import io.redlocklab.testkit.SentinelGroup.MasterFault;
import io.redlocklab.testkit.SentinelGroup.Promotion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** N = 1 through Sentinel: the client finds the master through the sentinels and follows it. */
class SentinelLockIT {

  private static final Duration FOLLOW_BOUND = Duration.ofSeconds(15);

  private SentinelGroup group;

  @BeforeEach
  void startGroup() {
    RedisNodesExtension.requireSentinelServers();
    group = SentinelGroup.start();
  }

  @AfterEach
  void stopGroup() {
    if (group != null) {
      group.close();
    }
  }

  /** The client's only node: the group's master, found through its three sentinels. */
  static SentinelNode sentinelNode(SentinelGroup group) {
    List<RedisNode> sentinels =
        group.sentinelPorts().stream().map(port -> RedisNode.of(SentinelGroup.HOST, port)).toList();
    return SentinelNode.of(group.masterName(), sentinels);
  }

  private Redlock newClient() {
    return Redlock.create(
        RedlockConfig.builder()
            .node(sentinelNode(group))
            .ttl(Duration.ofSeconds(5))
            .nodeTimeout(Duration.ofMillis(200))
            .randomSeed(1)
            .build());
  }

  @Test
  void acquiresAndReleasesOnTheMasterTheSentinelsReport() {
    io.redlocklab.testkit.RedisNode master = group.master();
    try (Redlock client = newClient()) {
      Lease lease = client.acquire("sentinel-lock", Duration.ofSeconds(2));

      assertThat(lease.nodeOutcomes())
          .singleElement()
          .satisfies(outcome -> assertThat(outcome.node()).startsWith("sentinel:redlock@"));
      assertThat(get(master, "redlock:sentinel-lock")).isEqualTo(lease.value());

      assertThat(lease.release()).isEqualTo(1);
      assertThat(get(master, "redlock:sentinel-lock")).isNull();
    }
  }

  @Test
  void followsTheMasterThroughAFailover() {
    try (Redlock client = newClient()) {
      Followed followed = acquireAfter(client, SentinelGroup::killMaster);
      Promotion promotion = group.awaitPromotion(followed.fault(), Duration.ofSeconds(5));

      System.out.printf(
          "sentinel failover after kill: promoted after %d ms, client acquired again after %d ms%n",
          promotion.took().toMillis(), followed.after().toMillis());
      assertThat(promotion.newMaster()).isNotSameAs(followed.fault().oldMaster());
      assertThat(get(promotion.newMaster(), "redlock:after")).isEqualTo(followed.lease().value());
      assertThat(followed.lease().release()).isEqualTo(1);
    }
  }

  @Test
  void followsTheMasterWhenTheOldOneIsCutOff() {
    try (Redlock client = newClient()) {
      Followed followed = acquireAfter(client, SentinelGroup::isolateMaster);

      System.out.printf(
          "sentinel failover after isolation: client acquired again after %d ms%n",
          followed.after().toMillis());
      io.redlocklab.testkit.RedisNode oldMaster = followed.fault().oldMaster();
      assertThat(get(group.other(oldMaster), "redlock:after")).isEqualTo(followed.lease().value());
      assertThat(get(oldMaster, "redlock:after"))
          .as("the cut-off old master never saw it")
          .isNull();
    }
  }

  /**
   * With an address map the client connects where the map says, not where the sentinels report:
   * through a proxy of its own, which alone then decides whether it reaches the master.
   */
  @Test
  void connectsToTheMasterThroughItsAddressMap() throws Exception {
    io.redlocklab.testkit.RedisNode master = group.master();
    Proxy own =
        Proxies.create(
            group.toxiproxy().admin(),
            "own-way-to-master",
            SentinelGroup.HOST + ":" + master.directPort());
    String reported = SentinelGroup.HOST + ":" + master.proxyPort();
    String mine = SentinelGroup.HOST + ":" + Proxies.port(own);
    try (Redlock client =
        Redlock.create(
            RedlockConfig.builder()
                .node(sentinelNode(group).withAddressMap(Map.of(reported, mine)))
                .ttl(Duration.ofSeconds(5))
                .nodeTimeout(Duration.ofMillis(200))
                .randomSeed(1)
                .build())) {
      client.acquire("mapped", Duration.ofSeconds(2)).release();

      own.disable();
      assertThatThrownBy(() -> client.acquire("mapped", Duration.ofMillis(500)))
          .as("the master's reported proxy is up; only the client's own way is cut")
          .isInstanceOf(RedlockException.class);
      own.enable();
      assertThat(client.acquire("mapped", Duration.ofSeconds(2)).release()).isEqualTo(1);
    }
  }

  /** A lease acquired after the fault, and how long after it the client got one again. */
  private record Followed(MasterFault fault, Lease lease, Duration after) {}

  private Followed acquireAfter(Redlock client, Function<SentinelGroup, MasterFault> inject) {
    client.acquire("before", Duration.ofSeconds(2)).release();
    MasterFault fault = inject.apply(group);
    Lease lease = client.acquire("after", FOLLOW_BOUND);
    Duration after = Duration.ofNanos(System.nanoTime() - fault.injectedAtNanos());
    assertThat(after).isLessThan(FOLLOW_BOUND);
    return new Followed(fault, lease, after);
  }

  private static String get(io.redlocklab.testkit.RedisNode server, String key) {
    try (Jedis jedis = server.direct()) {
      return jedis.get(key);
    }
  }
}
