package io.redlocklab.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.core.RedisNode;
import io.redlocklab.testkit.RedisNodesExtension;
import io.redlocklab.testkit.RedisServerProcess;
import io.redlocklab.testkit.ToxiproxyServerProcess;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The external backend uses servers and a Toxiproxy it did not start, and leaves them running. */
class ExternalBackendIT {

  @BeforeEach
  void serversInstalled() {
    RedisNodesExtension.requireServers();
  }

  @Test
  void wiresExistingServersThroughAnExistingToxiproxyAndCleansUpOnlyItsProxies() throws Exception {
    try (ToxiproxyServerProcess toxiproxy = ToxiproxyServerProcess.start();
        RedisServerProcess a = RedisServerProcess.start();
        RedisServerProcess b = RedisServerProcess.start();
        RedisServerProcess resource = RedisServerProcess.start()) {
      ExternalBackend backend =
          new ExternalBackend(
              URI.create("http://" + toxiproxy.host() + ":" + toxiproxy.port()),
              List.of(RedisNode.of(a.host(), a.port()), RedisNode.of(b.host(), b.port())),
              RedisNode.of(resource.host(), resource.port()));

      try (RunningCluster cluster =
          backend.start(Topology.builder().masters(2).clients(2).build())) {
        assertThat(cluster.pids()).isEmpty();
        assertThat(toxiproxy.admin().getProxies()).hasSize(6);
        try (Jedis viaProxy = Connections.open(cluster.lockNodes(1).get(1), 2_000)) {
          viaProxy.set("external", "x");
        }
        try (Jedis direct = Connections.open(cluster.directNode(1), 2_000)) {
          assertThat(direct.get("external")).isEqualTo("x");
        }
        cluster.clientLink(0, 0).cut();
        assertThatThrownBy(() -> Connections.open(cluster.lockNodes(0).get(0), 500).ping())
            .isNotNull();
        assertThatThrownBy(() -> cluster.node(0).kill()).hasMessageContaining("no process control");
      }

      assertThat(toxiproxy.admin().getProxies()).isEmpty();
      assertThat(a.isAlive()).isTrue();
      assertThat(resource.isAlive()).isTrue();
    }
  }
}
