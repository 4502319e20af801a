package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.cluster.LockServer;
import io.redlocklab.harness.cluster.ServerHandle;
import io.redlocklab.harness.cluster.Topology;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * partition, pause-node and crash-node on the real 3-member etcd cluster, each proven by etcd's own
 * probe ({@code GET /version}): it fails while the fault lasts and answers after the heal.
 */
class EtcdNemesesIT {

  private static final int PROBE_MILLIS = 300;

  @RegisterExtension
  static final NemesisCluster lab =
      new NemesisCluster(Topology.builder().server(LockServer.ETCD).masters(3).clients(2).build());

  @Test
  void partitionOfAClientFromTheLeaderFailsTheProbeThroughItsLinkOnly() {
    int leader = member("leader");
    Nemesis cut =
        lab.harness()
            .nemesis("partition", 1_000, Map.of("nodes", List.of(leader), "clients", List.of(0)));
    cut.start();
    try {
      assertThat(viaProxy(0, leader)).as("client 0 → leader while cut").isNotNull();
      assertThat(viaProxy(1, leader)).as("client 1 → leader, not cut").isNull();
    } finally {
      cut.stop();
    }
    assertThat(viaProxy(0, leader)).as("client 0 → leader after the heal").isNull();
    lab.harness().assertStartVerifiedStop("partition");
  }

  @Test
  void partitionOfTheLeaderCutsEveryClientFromTheMemberThatLeadsWhenItStarts() {
    int leader = member("leader");
    int follower = member("follower");
    Nemesis cut = lab.harness().nemesis("partition", 1_000, Map.of("nodes", "leader"));
    cut.start();
    try {
      assertThat(viaProxy(0, leader)).as("client 0 → leader while cut").isNotNull();
      assertThat(viaProxy(1, leader)).as("client 1 → leader while cut").isNotNull();
      assertThat(viaProxy(0, follower)).as("client 0 → a follower").isNull();
    } finally {
      cut.stop();
    }
    assertThat(viaProxy(1, leader)).as("after the heal").isNull();
    lab.harness().assertStartVerifiedStop("partition");
    assertThat(lab.harness().details("partition").get(0))
        .isEqualTo("start: cut c0-n" + leader + ", c1-n" + leader + " (n" + leader + ": leader)");
  }

  @Test
  void droppedTrafficToAMajorityGetsNoReply() {
    Nemesis drop =
        lab.harness().nemesis("partition", 1_000, Map.of("nodes", List.of(0, 1), "mode", "drop"));
    drop.start();
    try {
      assertThat(viaProxy(1, 0)).contains("SocketTimeoutException");
      assertThat(viaProxy(0, 2)).isNull();
    } finally {
      drop.stop();
    }
    assertThat(viaProxy(1, 0)).isNull();
    assertThat(lab.harness().details("partition").get(1)).contains("no reply in 300 ms");
  }

  @Test
  void pauseOfTheLeaderSilencesItUntilResumed() {
    int leader = member("leader");
    ServerHandle server = lab.cluster().node(leader);
    Nemesis pause = lab.harness().nemesis("pause-node", 1_000, Map.of("nodes", List.of(leader)));
    pause.start();
    try {
      assertThat(server.probeError(server.address(), PROBE_MILLIS)).contains("timed out");
    } finally {
      pause.stop();
    }
    assertThat(server.probeError(server.address(), PROBE_MILLIS)).isNull();
    lab.harness().assertStartVerifiedStop("pause-node");
    assertThat(lab.harness().details("pause-node").get(0)).contains("leader");
    assertThat(lab.harness().details("pause-node").get(1))
        .as("a stopped member's role is not guessed")
        .doesNotContain("follower")
        .doesNotContain("leader");
    assertThat(lab.harness().details("pause-node")).last().asString().contains("answering again");
  }

  @Test
  void crashOfAFollowerRefusesUntilRestarted() {
    int follower = member("follower");
    ServerHandle server = lab.cluster().node(follower);
    long pidBefore = server.pid().orElseThrow();
    Nemesis crash = lab.harness().nemesis("crash-node", 0, Map.of("nodes", List.of(follower)));
    crash.start();
    try {
      assertThat(server.probeError(server.address(), PROBE_MILLIS)).contains("Connect");
    } finally {
      crash.stop();
    }
    assertThat(server.probeError(server.address(), PROBE_MILLIS)).isNull();
    assertThat(server.pid().orElseThrow()).isNotEqualTo(pidBefore);
    List<String> details = lab.harness().details("crash-node");
    assertThat(details.get(0)).contains("pid " + pidBefore + ", follower");
    assertThat(details.get(1)).contains("gone; connections refused");
    assertThat(details.get(details.size() - 1)).contains("serving, leader n");
  }

  @Test
  void probeReportsAClosedPortAndAServerThatIsNotEtcd() throws Exception {
    ServerHandle member = lab.cluster().node(0);
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    assertThat(member.probeError(RedisNode.of("127.0.0.1", closed), PROBE_MILLIS))
        .contains("ConnectException");
    assertThat(member.probeError(lab.cluster().directResource(), PROBE_MILLIS))
        .as("a Redis server is not etcd")
        .isNotNull();
    assertThat(member.probeError(member.address(), PROBE_MILLIS)).isNull();
  }

  /** The probe through client {@code client}'s proxy to member {@code node}. */
  private static String viaProxy(int client, int node) {
    return lab.cluster()
        .node(node)
        .probeError(lab.cluster().lockNodes(client).get(node), PROBE_MILLIS);
  }

  /** The first member in {@code role} ("leader" or "follower"). */
  private static int member(String role) {
    return IntStream.range(0, 3)
        .filter(i -> lab.cluster().node(i).role().orElseThrow().equals(role))
        .findFirst()
        .orElseThrow();
  }
}
