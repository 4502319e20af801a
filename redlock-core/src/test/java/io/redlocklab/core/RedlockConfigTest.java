package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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

  private static void assertRejected(RedlockConfig.Builder builder, String messagePrefix) {
    assertThatThrownBy(builder::build)
        .isInstanceOf(RedlockArgumentException.class)
        .hasMessageStartingWith(messagePrefix)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
