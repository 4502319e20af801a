package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZooKeeperEnsembleIT {

  @BeforeEach
  void requireServers() {
    RequireServers.zooKeeper();
  }

  @Test
  void electsAnotherLeaderWhenTheLeaderIsIsolatedRestartsANodeAndLeavesNoProcess()
      throws Exception {
    ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start();
    Path runDir = ensemble.runDir();
    List<Long> pids = new ArrayList<>();
    try {
      for (int i = 0; i < ZooKeeperEnsemble.SIZE; i++) {
        pids.add(ensemble.pid(i));
        assertThat(ensemble.fourLetterWord(i, "ruok")).contains("imok");
      }
      assertThat(ensemble.modes()).containsExactlyInAnyOrder("leader", "follower", "follower");
      assertThat(ensemble.fourLetterWord(0, "srvr"))
          .hasValueSatisfying(srvr -> assertThat(srvr).contains("Zookeeper version: 3.8."));
      for (String hostPort : ensemble.connectString().split(",")) {
        assertThat(reachable(hostPort)).as(hostPort).isTrue();
      }

      // Cut off from both peers, the old leader stops leading; the other two elect one.
      int leader = ensemble.awaitLeader(Duration.ofSeconds(5), -1);
      ensemble.isolate(leader);
      int next = ensemble.awaitLeader(Duration.ofSeconds(20), leader);
      assertThat(
              Processes.await(
                  Duration.ofSeconds(10),
                  () -> !ensemble.mode(leader).filter("leader"::equals).isPresent()))
          .as("isolated node %d gives up leading: %s", leader, ensemble.modes())
          .isTrue();
      ensemble.reconnect(leader);
      assertThat(
              Processes.await(
                  Duration.ofSeconds(20),
                  () -> ensemble.mode(leader).filter("follower"::equals).isPresent()))
          .as("node %d rejoins as follower: %s", leader, ensemble.modes())
          .isTrue();

      int follower = (next + 1) % ZooKeeperEnsemble.SIZE;
      ensemble.kill(follower);
      assertThat(ensemble.isAlive(follower)).isFalse();
      ensemble.restart(follower);
      pids.add(ensemble.pid(follower));
      assertThat(ensemble.modes()).containsExactlyInAnyOrder("leader", "follower", "follower");
    } finally {
      ensemble.close();
    }
    Processes.assertAllGone(pids);
    assertThat(Processes.matching(runDir.toString())).isEmpty();
    assertThat(runDir).doesNotExist();
  }

  private static boolean reachable(String hostPort) {
    String[] parts = hostPort.split(":");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 1000);
      socket.getOutputStream().write("ruok".getBytes());
      return new String(socket.getInputStream().readAllBytes()).equals("imok");
    } catch (IOException e) {
      return false;
    }
  }
}
