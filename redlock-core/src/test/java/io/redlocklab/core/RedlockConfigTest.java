package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedlockConfigTest {

  private static RedlockConfig.Builder threeNodes() {
    return RedlockConfig.builder()
        .node("127.0.0.1", 7001)
        .node("127.0.0.1", 7002)
        .node("127.0.0.1", 7003);
  }

  @Test
  void defaultsAreSensible() {
    RedlockConfig config = threeNodes().build();
    assertThat(config.quorum()).isEqualTo(2);
    assertThat(config.ttl()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.driftFactor()).isEqualTo(0.01);
    assertThat(config.nodeTimeout()).isLessThan(config.ttl());
    assertThat(config.fencing()).isEqualTo(FencingMode.NONE);
  }

  @Test
  void noNodes() {
    assertRejected(RedlockConfig.builder(), "nodes:");
  }

  @Test
  void duplicateNodes() {
    assertRejected(threeNodes().node("127.0.0.1", 7002), "nodes: 127.0.0.1:7002 is listed twice");
  }

  @Test
  void nonPositiveTtl() {
    assertRejected(threeNodes().ttl(Duration.ZERO), "ttl:");
    assertRejected(threeNodes().ttl(Duration.ofMillis(-5)), "ttl:");
    assertRejected(threeNodes().ttl(Duration.ofDays(2)), "ttl: must be > 0 and at most 24 h");
  }

  @Test
  void aNullNodeIsAOneLineErrorNotAnNpe() {
    assertThatThrownBy(() -> RedlockConfig.builder().node((RedisNode) null))
        .isInstanceOf(RedlockArgumentException.class)
        .hasMessage("nodes: a node must not be null; add one with node(host, port)");
    assertThatThrownBy(() -> RedlockConfig.builder().nodes(null))
        .isInstanceOf(RedlockArgumentException.class)
        .hasMessage("nodes: the list must not be null");
    assertThatThrownBy(() -> RedlockConfig.builder().node(null, 6379))
        .isInstanceOf(RedlockArgumentException.class)
        .hasMessageStartingWith("node host:");
  }

  @Test
  void majorityIsAStrictMajority() {
    assertThat(RedlockConfig.majorityOf(1)).isEqualTo(1);
    assertThat(RedlockConfig.majorityOf(4)).isEqualTo(3);
    assertThat(RedlockConfig.majorityOf(5)).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 0.5, 0.9, Double.NaN})
  void driftFactorOutsideTheHalfOpenRange(double factor) {
    assertRejected(threeNodes().driftFactor(factor), "driftFactor:");
  }

  @Test
  void minValidityNotBelowTtl() {
    assertRejected(
        threeNodes().ttl(Duration.ofSeconds(1)).minValidity(Duration.ofSeconds(1)), "minValidity:");
  }

  @Test
  void nodeTimeoutNotBelowTtl() {
    assertRejected(
        threeNodes().ttl(Duration.ofSeconds(1)).nodeTimeout(Duration.ofSeconds(1)), "nodeTimeout:");
  }

  @Test
  void fencingNodeOutOfRange() {
    assertRejected(threeNodes().fencing(FencingMode.SINGLE_NODE).fencingNode(3), "fencingNode:");
  }

  @Test
  void badNodeAddressFailsWhereItIsGiven() {
    assertThatThrownBy(() -> RedlockConfig.builder().node("", 6379))
        .isInstanceOf(RedlockArgumentException.class)
        .hasMessageStartingWith("node host:");
    assertThatThrownBy(() -> RedlockConfig.builder().node("127.0.0.1", 0))
        .isInstanceOf(RedlockArgumentException.class)
        .hasMessageStartingWith("node port:");
  }

  @Test
  void anEvenNodeCountIsAllowed() {
    RedlockConfig config = threeNodes().node("127.0.0.1", 7004).build();
    assertThat(config.quorum()).isEqualTo(3);
  }

  @Test
  void nullOrEmptyResourceNamesAreRejectedBeforeAnyNodeIsAsked() {
    try (Redlock client = Redlock.create(threeNodes().build())) {
      for (UnaryOperator<String> call :
          java.util.List.<UnaryOperator<String>>of(
              r -> client.acquire(r, Duration.ZERO).value(),
              r -> client.tryAcquire(r).toString(),
              r -> client.asLock(r).toString())) {
        assertThatThrownBy(() -> call.apply(null))
            .isInstanceOf(RedlockArgumentException.class)
            .hasMessage("resource: must be a non-empty name");
        assertThatThrownBy(() -> call.apply("")).isInstanceOf(RedlockArgumentException.class);
      }
    }
  }

  @Test
  void aSentinelNodeCountsAsOneQuorumMember() {
    List<RedisNode> sentinels =
        List.of(RedisNode.of("127.0.0.1", 26379), RedisNode.of("127.0.0.1", 26380));
    RedlockConfig config = threeNodes().sentinelNode("orders", sentinels).build();

    assertThat(config.nodes()).hasSize(4);
    assertThat(config.nodes().get(3))
        .isEqualTo(SentinelNode.of("orders", sentinels))
        .extracting(LockNode::address)
        .isEqualTo("sentinel:orders@127.0.0.1:26379");
  }

  @Test
  void sentinelNodeArgumentsFailWhereTheyAreGiven() {
    assertOneLine(
        () -> SentinelNode.of(" ", List.of(RedisNode.of("127.0.0.1", 26379))),
        "sentinel masterName: must not be empty; use the name of 'sentinel monitor <name>'");
    assertOneLine(
        () -> SentinelNode.of("orders", List.of()),
        "sentinel 'orders': at least one sentinel address is required");
    assertOneLine(
        () -> SentinelNode.of("orders", null),
        "sentinel 'orders': at least one sentinel address is required");
    assertOneLine(
        () ->
            SentinelNode.of(
                "orders",
                List.of(RedisNode.of("127.0.0.1", 26379), RedisNode.of("127.0.0.1", 26379))),
        "sentinel 'orders': 127.0.0.1:26379 is listed twice");
    assertOneLine(
        () ->
            SentinelNode.of(
                "orders",
                List.of(RedisNode.of("127.0.0.1", 26379), new RedisNode("127.0.0.1", 26380, "pw"))),
        "sentinel 'orders': all sentinels must share one password (Jedis sends the same to each)");
    SentinelNode orders = SentinelNode.of("orders", List.of(RedisNode.of("127.0.0.1", 26379)));
    assertOneLine(
        () -> orders.withAddressMap(Map.of("10.0.0.5", "127.0.0.1:7001")),
        "sentinel 'orders': address map key '10.0.0.5' is not host:port; write it as e.g."
            + " 10.0.0.5:6379");
    assertOneLine(
        () -> orders.withAddressMap(Map.of("10.0.0.5:6379", "127.0.0.1:70000")),
        "sentinel 'orders': address map value '127.0.0.1:70000' is not host:port; write it as"
            + " e.g. 10.0.0.5:6379");
    assertThat(orders.withAddressMap(null).addressMap()).isEmpty();
    assertThat(orders.withAddressMap(Map.of("10.0.0.5:6379", "127.0.0.1:7001")).addressMap())
        .containsExactly(Map.entry("10.0.0.5:6379", "127.0.0.1:7001"));
  }

  @Test
  void theSameSentinelMasterTwiceIsADuplicate() {
    RedlockConfig.Builder builder =
        threeNodes()
            .sentinelNode("orders", List.of(RedisNode.of("127.0.0.1", 26379)))
            .sentinelNode(
                "orders",
                List.of(RedisNode.of("127.0.0.1", 26380), RedisNode.of("127.0.0.1", 26379)));

    assertRejected(
        builder,
        "nodes: sentinel master 'orders' at 127.0.0.1:26379 is listed twice; each node must be an"
            + " independent master");
    assertThat(
            threeNodes()
                .sentinelNode("orders", List.of(RedisNode.of("127.0.0.1", 26379)))
                .sentinelNode("invoices", List.of(RedisNode.of("127.0.0.1", 26379)))
                .build()
                .nodes())
        .hasSize(5);
  }

  @Test
  void replicatedLeaseIsOffByDefaultAndKeptWhenValid() {
    assertThat(threeNodes().build().replicatedLease()).isEmpty();
    RedlockConfig config =
        threeNodes()
            .nodeTimeout(Duration.ofMillis(100))
            .replicatedLease(1, Duration.ofMillis(50))
            .build();
    assertThat(config.replicatedLease()).contains(new ReplicatedLease(1, Duration.ofMillis(50)));
  }

  @Test
  void replicatedLeaseValidation() {
    assertRejected(
        threeNodes().replicatedLease(0, Duration.ofMillis(10)),
        "replicatedLease: replicas must be >= 1, was 0");
    assertRejected(
        threeNodes().replicatedLease(1, Duration.ZERO),
        "replicatedLease: waitTimeout must be >= 1 ms (WAIT 0 would block forever), was PT0S");
    assertRejected(
        threeNodes().replicatedLease(1, Duration.ofNanos(500_000)), "replicatedLease: waitTimeout");
    assertRejected(
        threeNodes().replicatedLease(1, null),
        "replicatedLease: waitTimeout must be >= 1 ms (WAIT 0 would block forever), was null");
    assertRejected(
        threeNodes().nodeTimeout(Duration.ofMillis(100)).replicatedLease(1, Duration.ofMillis(51)),
        "replicatedLease: waitTimeout must be at most half the nodeTimeout (PT0.1S) so that the"
            + " write and the WAIT fit in it, was PT0.051S");
  }

  private static void assertOneLine(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(RedlockArgumentException.class).hasMessage(message);
  }

  private static void assertRejected(RedlockConfig.Builder builder, String messagePrefix) {
    assertThatThrownBy(builder::build)
        .isInstanceOf(RedlockArgumentException.class)
        .hasMessageStartingWith(messagePrefix)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
