package io.redlocklab.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.testkit.Persistence;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import redis.clients.jedis.Jedis;

/**
 * The same topology in Docker. Disabled, and reported as skipped, when no Docker engine is
 * reachable.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersBackendIT {

  @Test
  void startsTheTopologyInContainersWithWorkingLinksAndProcessFaults() {
    Topology topology =
        Topology.builder()
            .masters(2)
            .clients(2)
            .replicas(true)
            .persistence(1, Persistence.AOF_ALWAYS)
            .build();
    try (RunningCluster cluster = new TestcontainersBackend().start(topology)) {
      for (int client = 0; client < 2; client++) {
        for (int node = 0; node < 2; node++) {
          try (Jedis viaProxy = Connections.open(cluster.lockNodes(client).get(node), 5_000)) {
            viaProxy.set("c" + client + "n" + node, "x");
          }
          try (Jedis direct = Connections.open(cluster.directNode(node), 5_000)) {
            assertThat(direct.get("c" + client + "n" + node)).isEqualTo("x");
          }
        }
      }

      cluster.clientLink(0, 0).cut();
      assertThatThrownBy(() -> Connections.open(cluster.lockNodes(0).get(0), 1_000).ping())
          .isNotNull();
      try (Jedis other = Connections.open(cluster.lockNodes(1).get(0), 5_000)) {
        assertThat(other.ping()).isEqualTo("PONG");
      }
      cluster.clientLink(0, 0).restore();

      cluster.node(1).pause();
      assertThatThrownBy(() -> Connections.open(cluster.directNode(1), 300).ping()).isNotNull();
      cluster.node(1).resume();

      cluster.node(1).kill();
      assertThat(cluster.node(1).isAlive()).isFalse();
      cluster.node(1).restart();
      try (Jedis direct = Connections.open(cluster.directNode(1), 5_000)) {
        assertThat(direct.get("c0n1")).as("AOF always survives a crash").isEqualTo("x");
      }

      cluster.node(0).kill();
      cluster.promoteReplica(0);
      try (Jedis viaProxy = Connections.open(cluster.lockNodes(0).get(0), 5_000)) {
        assertThat(viaProxy.set("after-failover", "x")).isEqualTo("OK");
      }
    }
  }

  @Test
  void refusesServerClocks() {
    assertThatThrownBy(
            () -> new TestcontainersBackend().start(Topology.builder().serverClocks(true).build()))
        .hasMessageContaining("unsupported");
    assertThat(new TestcontainersBackend().capabilities())
        .containsExactly(Capability.PROCESS_CONTROL);
  }
}
