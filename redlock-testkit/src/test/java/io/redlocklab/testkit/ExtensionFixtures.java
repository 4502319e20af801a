package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;

/**
 * Test classes run by {@link RedisNodesExtensionIT} through the JUnit engine test kit, not
 * directly.
 */
final class ExtensionFixtures {

  /** Pids of every process the last fixture run saw. */
  static final List<Long> PIDS = new CopyOnWriteArrayList<>();

  private ExtensionFixtures() {}

  static void record(RedisNodes nodes) {
    nodes.nodes().forEach(node -> PIDS.add(node.server().pid()));
    PIDS.add(nodes.toxiproxy().pid());
  }

  @WithRedisNodes(count = 2)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class DirtiesThenFails {

    @Test
    @Order(1)
    void dirtiesEverything(RedisNodes nodes) throws Exception {
      record(nodes);
      nodes.node(0).withDirect(jedis -> jedis.set("k", "v"));
      nodes.node(0).proxy().disable();
      nodes.node(1).server().kill();
    }

    @Test
    @Order(2)
    void startsClean(RedisNodes nodes) {
      try (Jedis jedis = nodes.node(0).proxied()) {
        assertThat(jedis.get("k")).isNull();
      }
      assertThat(nodes.node(1).server().isAlive()).isTrue();
    }

    @Test
    @Order(3)
    void fails() {
      throw new AssertionError("on purpose");
    }
  }

  @WithRedisNodes(count = 1)
  static class Outer {

    static RedisNodes outerNodes;

    @Test
    void outer(RedisNodes nodes) {
      record(nodes);
      outerNodes = nodes;
    }

    @Nested
    class Inner {

      @Test
      void sharesTheOuterNodes(RedisNodes nodes) {
        assertThat(nodes).isSameAs(outerNodes);
      }
    }
  }
}
