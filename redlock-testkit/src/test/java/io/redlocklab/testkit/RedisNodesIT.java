package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

@WithRedisNodes(count = 3)
class RedisNodesIT {

  private final RedisNodes nodes;

  RedisNodesIT(RedisNodes nodes) {
    this.nodes = nodes;
  }

  @Test
  void everyNodeAnswersThroughItsProxyAndDirectly() {
    assertThat(nodes.size()).isEqualTo(3);
    for (RedisNode node : nodes.nodes()) {
      try (Jedis proxied = node.proxied();
          Jedis direct = node.direct()) {
        assertThat(proxied.ping()).isEqualTo("PONG");
        assertThat(direct.ping()).isEqualTo("PONG");
        assertThat(node.proxyPort()).isNotEqualTo(node.directPort());
      }
    }
    assertThat(nodes.node(1).name()).isEqualTo("node-1");
    assertThat(nodes.node(1).proxy().getUpstream())
        .isEqualTo("127.0.0.1:" + nodes.node(1).directPort());
  }

  @Test
  void nodesAreIndependent(RedisNodes injected) {
    assertThat(injected).isSameAs(nodes);
    nodes.node(0).withDirect(jedis -> jedis.set("k", "v"));

    assertThat(directGet(nodes.node(1), "k")).isNull();
    assertThat(directGet(nodes.node(0), "k")).isEqualTo("v");
  }

  @Test
  void disabledProxyCutsClientsButNotTheDirectView() throws IOException {
    RedisNode node = nodes.node(0);
    try (Jedis before = node.proxied()) {
      before.ping();
      node.proxy().disable();

      assertThat(node.proxy().isEnabled()).isFalse();
      assertThatThrownBy(before::ping)
          .as("open connection")
          .isInstanceOf(JedisConnectionException.class);
      assertThatThrownBy(
              () -> {
                try (Jedis after = node.proxied()) {
                  after.ping();
                }
              })
          .as("new connection")
          .isInstanceOf(JedisConnectionException.class);
      assertThat(directPing(node)).isEqualTo("PONG");
    }
  }

  @Test
  void latencyToxicRaisesTheRoundTrip() throws IOException {
    RedisNode node = nodes.node(1);
    try (Jedis jedis = node.proxied()) {
      long baseline = medianPingMillis(jedis);
      node.proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 200);
      long slowed = medianPingMillis(jedis);

      assertThat(baseline).isLessThan(50);
      assertThat(slowed).isBetween(195L, 200L + 300);
    }
  }

  @Test
  void downstreamTimeoutToxicAppliesTheCommandButLosesTheReply() throws IOException {
    RedisNode node = nodes.node(2);
    // Connect first: Jedis 7 sends CLIENT SETINFO while connecting, which the toxic would swallow.
    try (Jedis jedis =
        new Jedis(
            node.host(),
            node.proxyPort(),
            DefaultJedisClientConfig.builder().timeoutMillis(300).build())) {
      node.proxy().toxics().timeout("black-hole", ToxicDirection.DOWNSTREAM, 0);
      assertThatThrownBy(() -> jedis.set("k", "v")).isInstanceOf(JedisConnectionException.class);
    }
    assertThat(directGet(node, "k")).isEqualTo("v");
  }

  @Test
  void upstreamTimeoutToxicDropsTheCommand() throws IOException {
    RedisNode node = nodes.node(2);
    // Connect first: Jedis 7 sends CLIENT SETINFO while connecting, which the toxic would swallow.
    try (Jedis jedis =
        new Jedis(
            node.host(),
            node.proxyPort(),
            DefaultJedisClientConfig.builder().timeoutMillis(300).build())) {
      node.proxy().toxics().timeout("black-hole", ToxicDirection.UPSTREAM, 0);
      assertThatThrownBy(() -> jedis.set("k", "v")).isInstanceOf(JedisConnectionException.class);
    }
    assertThat(directGet(node, "k")).isNull();
  }

  @Test
  void killAndRestartComeBackOnTheSamePortWithNoDataAndNoScripts() {
    RedisNode node = nodes.node(0);
    String sha =
        node.withDirect(
            jedis -> {
              jedis.set("k", "v");
              return jedis.scriptLoad("return 1");
            });
    long oldPid = node.server().pid();

    node.server().kill();

    assertThat(node.server().isAlive()).isFalse();
    assertThat(java.nio.file.Path.of("/proc/" + oldPid)).doesNotExist();
    assertThatThrownBy(() -> node.withDirect(Jedis::ping))
        .isInstanceOf(JedisConnectionException.class);

    node.server().restart();

    assertThat(node.server().pid()).isNotEqualTo(oldPid);
    try (Jedis proxied = node.proxied()) {
      assertThat(proxied.get("k")).isNull();
      assertThat(proxied.scriptExists(sha)).isFalse();
    }
  }

  @Test
  void pausedNodeAnswersNothingUntilResumed() {
    RedisNode node = nodes.node(1);
    var shortTimeout = DefaultJedisClientConfig.builder().timeoutMillis(300).build();
    try (Jedis jedis = new Jedis(node.host(), node.directPort(), shortTimeout)) {
      jedis.ping();
      node.server().pause();

      assertThat(node.server().isPaused()).isTrue();
      assertThat(node.server().isAlive()).isTrue();
      assertThatThrownBy(jedis::ping).isInstanceOf(JedisConnectionException.class);

      node.server().resume();
    }
    assertThat(node.server().isPaused()).isFalse();
    assertThat(directPing(node)).isEqualTo("PONG");
  }

  @Test
  void resetFaultsHealsEverything() throws IOException {
    nodes.node(0).proxy().disable();
    nodes.node(1).proxy().toxics().latency("slow", ToxicDirection.UPSTREAM, 1000);
    nodes.node(1).server().pause();
    nodes.node(2).server().kill();
    nodes.node(0).withDirect(jedis -> jedis.set("k", "v"));

    nodes.resetFaults();

    for (RedisNode node : nodes.nodes()) {
      assertThat(node.proxy().isEnabled()).as(node.name()).isTrue();
      assertThat(node.proxy().toxics().getAll()).as(node.name()).isEmpty();
      try (Jedis proxied = node.proxied()) {
        long start = System.nanoTime();
        assertThat(proxied.ping()).isEqualTo("PONG");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
        assertThat(proxied.dbSize()).isZero();
      }
    }
  }

  private static String directPing(RedisNode node) {
    return node.withDirect(Jedis::ping);
  }

  private static String directGet(RedisNode node, String key) {
    return node.withDirect(jedis -> jedis.get(key));
  }

  private static long medianPingMillis(Jedis jedis) {
    List<Long> samples = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      jedis.ping();
      samples.add((System.nanoTime() - start) / 1_000_000);
    }
    Collections.sort(samples);
    return samples.get(samples.size() / 2);
  }
}
