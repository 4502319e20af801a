package io.redlocklab.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.RedisNode;
import io.redlocklab.testkit.Persistence;
import io.redlocklab.testkit.RedisNodesExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The local backend starts the whole topology, wires every link, and leaves no process behind. */
class LocalClusterIT {

  private final Topology topology =
      Topology.builder()
          .masters(3)
          .clients(2)
          .replicas(true)
          .persistence(1, Persistence.AOF_ALWAYS)
          .build();

  @BeforeEach
  void serversInstalled() {
    RedisNodesExtension.requireServers();
  }

  @Test
  void startsEveryServerAndLinkAndStopsThemAllOnClose() {
    List<Long> pids;
    try (RunningCluster cluster = new LocalProcessBackend().start(topology)) {
      pids = cluster.pids();
      // toxiproxy + 3 masters + 3 replicas + resource
      assertThat(pids).hasSize(8).allMatch(LocalClusterIT::alive);

      for (int client = 0; client < 2; client++) {
        List<RedisNode> nodes = cluster.lockNodes(client);
        assertThat(nodes).hasSize(3);
        for (int node = 0; node < 3; node++) {
          String key = "c" + client + "n" + node;
          try (Jedis viaProxy = Connections.open(nodes.get(node), 2_000)) {
            viaProxy.set(key, "x");
          }
          try (Jedis direct = Connections.open(cluster.directNode(node), 2_000)) {
            assertThat(direct.get(key)).as("written through c%d-n%d", client, node).isEqualTo("x");
          }
        }
        try (Jedis resource = Connections.open(cluster.resourceEndpoint(client), 2_000)) {
          resource.sadd("set", "c" + client);
        }
      }
      try (Jedis resource = Connections.open(cluster.directResource(), 2_000)) {
        assertThat(resource.smembers("set")).containsExactlyInAnyOrder("c0", "c1");
      }
      // Every client reaches a node through its own proxy.
      assertThat(cluster.lockNodes(0)).doesNotContainAnyElementsOf(cluster.lockNodes(1));
      try (Jedis n1 = Connections.open(cluster.directNode(1), 2_000)) {
        assertThat(n1.configGet("appendfsync")).containsEntry("appendfsync", "always");
      }
      awaitReplicated(cluster.replica(2).orElseThrow().address(), "c1n2");
    }
    assertThat(pids).noneMatch(LocalClusterIT::alive);
  }

  @Test
  void promotingAReplicaRepointsEveryClientsProxy() {
    try (RunningCluster cluster =
        new LocalProcessBackend()
            .start(Topology.builder().masters(1).clients(2).replicas(true).build())) {
      ServerHandle replica = cluster.replica(0).orElseThrow();
      cluster.node(0).kill();

      cluster.promoteReplica(0);

      assertThat(cluster.node(0)).isSameAs(replica);
      assertThat(cluster.replica(0)).isEmpty();
      for (int client = 0; client < 2; client++) {
        try (Jedis jedis = Connections.open(cluster.lockNodes(client).get(0), 2_000)) {
          assertThat(jedis.set("after-failover", "ok")).isEqualTo("OK");
          assertThat(jedis.configGet("port").get("port"))
              .isEqualTo(Integer.toString(replica.address().port()));
        }
      }
    }
  }

  @Test
  void ctrlCStopsEveryServer() throws Exception {
    Process child = startClusterInChildJvm();
    List<Long> pids = readPids(child);
    assertThat(pids).isNotEmpty().allMatch(LocalClusterIT::alive);

    new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();

    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    awaitGone(pids);
  }

  @Test
  void sigkillOfTheJvmStopsEveryServer() throws Exception {
    Process child = startClusterInChildJvm();
    List<Long> pids = readPids(child);
    assertThat(pids).isNotEmpty().allMatch(LocalClusterIT::alive);

    child.destroyForcibly(); // SIGKILL: no shutdown hook runs

    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    awaitGone(pids);
  }

  private static Process startClusterInChildJvm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path runDir = Files.createTempDirectory(Path.of("target"), "cluster-main-");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ClusterMain.class.getName(),
            runDir.toString())
        .redirectError(new File("target/cluster-main.err"))
        .start();
  }

  private static List<Long> readPids(Process child) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("pids [")) {
        List<Long> pids = new ArrayList<>();
        for (String pid : line.substring(6, line.length() - 1).split(",\\s*")) {
          pids.add(Long.parseLong(pid));
        }
        return pids;
      }
    }
    child.destroyForcibly();
    throw new AssertionError("child JVM printed no pids; see target/cluster-main.err");
  }

  private static void awaitGone(List<Long> pids) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pids.stream().anyMatch(LocalClusterIT::alive) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(pids).as("server pids after the JVM ended").noneMatch(LocalClusterIT::alive);
  }

  private static void awaitReplicated(RedisNode replica, String key) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try (Jedis jedis = Connections.open(replica, 2_000)) {
      while (!jedis.exists(key)) {
        assertThat(System.nanoTime()).as("%s replicated", key).isLessThan(deadline);
        LocalProcessBackend.sleep(10);
      }
    }
  }

  /** Alive and not a zombie. */
  static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
