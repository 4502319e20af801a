package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.cluster.LockServer;
import io.redlocklab.harness.cluster.ServerHandle;
import io.redlocklab.harness.cluster.Topology;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code nodes: leader} on the real 3-node ZooKeeper ensemble: each fault acts on the server whose
 * {@code srvr} says {@code Mode: leader} when it starts, and its start record names it.
 */
class ZooKeeperNemesesIT {

  private static final int PROBE_MILLIS = 300;

  @RegisterExtension
  static final NemesisCluster lab =
      new NemesisCluster(
          Topology.builder().server(LockServer.ZOOKEEPER).masters(3).clients(2).build());

  @Test
  void partitionOfTheLeaderCutsEveryClientFromTheServerThatLeads() {
    int leader = awaitLeaderOtherThan(-1);
    int follower = IntStream.range(0, 3).filter(i -> i != leader).findFirst().orElseThrow();
    Nemesis cut = lab.harness().nemesis("partition", 1_000, Map.of("nodes", "leader"));
    cut.start();
    try {
      assertThat(viaProxy(0, leader)).as("client 0 → leader while cut").isNotNull();
      assertThat(viaProxy(1, leader)).as("client 1 → leader while cut").isNotNull();
      assertThat(viaProxy(1, follower)).as("client 1 → a follower").isNull();
    } finally {
      cut.stop();
    }
    assertThat(viaProxy(0, leader)).as("after the heal").isNull();
    lab.harness().assertStartVerifiedStop("partition");
    assertThat(lab.harness().details("partition").get(0))
        .isEqualTo("start: cut c0-n" + leader + ", c1-n" + leader + " (n" + leader + ": leader)");
  }

  @Test
  void pauseOfTheLeaderStopsTheServerThatLeadsAndTheOthersElectAnother() {
    int leader = awaitLeaderOtherThan(-1);
    ServerHandle server = lab.cluster().node(leader);
    Nemesis pause = lab.harness().nemesis("pause-node", 3_000, Map.of("nodes", "leader"));
    pause.start();
    int next;
    try {
      assertThat(server.probeError(server.address(), PROBE_MILLIS)).isNotNull();
      next = awaitLeaderOtherThan(leader);
    } finally {
      pause.stop();
    }
    List<String> details = lab.harness().details("pause-node");
    assertThat(details.get(0))
        .isEqualTo(
            "start: SIGSTOP n" + leader + " (pid " + server.pid().orElseThrow() + ", leader)");
    lab.harness().assertStartVerifiedStop("pause-node");
    assertThat(next).isNotEqualTo(leader);
  }

  /** The probe through client {@code client}'s proxy to server {@code node}. */
  private static String viaProxy(int client, int node) {
    return lab.cluster()
        .node(node)
        .probeError(lab.cluster().lockNodes(client).get(node), PROBE_MILLIS);
  }

  /** The server that leads, once one other than {@code old} (-1: any) does; an election may run. */
  private static int awaitLeaderOtherThan(int old) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() - deadline < 0) {
      var leader = lab.cluster().leader();
      if (leader.isPresent() && leader.getAsInt() != old) {
        return leader.getAsInt();
      }
      Probes.sleep(100);
    }
    throw new AssertionError("no new ZooKeeper leader within 10 s of pausing n" + old);
  }
}
