package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.cluster.ServerHandle;
import io.redlocklab.harness.cluster.Topology;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.mode.LockModes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Sentinel topology: both Sentinel modes lock through it, and Sentinel fails it over. */
class SentinelNemesesIT {

  @RegisterExtension
  static final NemesisCluster lab =
      new NemesisCluster(Topology.builder().masters(1).clients(2).sentinel(true).build());

  @Test
  void bothModesLockThroughSentinelBeforeAndAfterAVerifiedHealedFailover() {
    ServerHandle oldMaster = lab.cluster().node(0);
    assertThat(lab.cluster().sentinelMaster()).isPresent();
    assertThat(lab.cluster().lockNodes(1)).hasSize(3);
    try (LockClient plain = lab.sentinelClient(LockModes.SENTINEL, 0);
        LockClient waiting = lab.sentinelClient(LockModes.SENTINEL_WAIT, 1)) {
      assertLocks(plain, "before-plain");
      assertLocks(waiting, "before-wait");

      Nemesis failover = lab.harness().nemesis("sentinel-failover", 1_000, Map.of("how", "kill"));
      failover.start();
      assertThat(lab.cluster().node(0)).isNotSameAs(oldMaster);
      assertThat(Probes.info(lab.cluster().directNode(0), "replication", "role"))
          .isEqualTo("master");
      assertLocks(plain, "after-plain");

      failover.stop();
      assertThat(lab.cluster().replica(0)).contains(oldMaster);
      assertThat(Probes.info(oldMaster.address(), "replication", "role")).isEqualTo("slave");
      assertLocks(waiting, "after-wait");
    }
    lab.harness().assertStartVerifiedStop("sentinel-failover");
    List<String> details = lab.harness().details("sentinel-failover");
    assertThat(details.get(1))
        .containsPattern("promoted by Sentinel .* [0-9]+\\.[0-9] ms after the master was killed");
    assertThat(details.get(details.size() - 1)).contains("back as a replica of the new master");
  }

  private static void assertLocks(LockClient client, String resource) {
    HeldLease lease = client.acquire(resource, Duration.ofSeconds(10));
    assertThat(lease.believedUntilNanos()).isGreaterThan(System.nanoTime());
    assertThat(lease.release()).isEqualTo("released on 1 nodes");
  }
}
