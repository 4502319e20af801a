package io.redlocklab.harness.nemesis;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.cluster.LocalProcessBackend;
import io.redlocklab.harness.cluster.RunningCluster;
import io.redlocklab.harness.cluster.Topology;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.lockclient.LeaseEvents;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockClientContext;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.testkit.RedisNodesExtension;
import io.redlocklab.testkit.RequireServers;
import io.redlocklab.testkit.ServerBinaries;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real cluster for a nemesis IT class and a fresh {@link NemesisHarness} (empty history) per
 * test. Skips the class when the servers (Redis, and the topology's lock server) are not installed
 * (fails on CI) and stops every process after it.
 *
 * <pre>{@code @RegisterExtension static final NemesisCluster lab = new NemesisCluster(topology);}
 * </pre>
 */
final class NemesisCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private static final long SCENARIO_MILLIS = 60_000;

  private final Topology topology;
  private RunningCluster cluster;
  private NemesisHarness harness;

  NemesisCluster(Topology topology) {
    this.topology = topology;
  }

  RunningCluster cluster() {
    return cluster;
  }

  NemesisHarness harness() {
    return harness;
  }

  /**
   * A lock client of {@code mode} for workload client {@code client} of a Sentinel topology: its
   * own links to the sentinels and its address map, TTL 5 s, node timeout 200 ms.
   */
  LockClient sentinelClient(LockMode mode, int client) {
    List<Endpoint> sentinels =
        cluster.lockNodes(client).stream()
            .map(node -> new Endpoint(node.host(), node.port()))
            .toList();
    return mode.clients()
        .create(
            new LockClientContext(
                client,
                sentinels,
                cluster.sentinelMaster(),
                cluster.addressMap(client),
                Duration.ofSeconds(5),
                Duration.ofMillis(200),
                false,
                Duration.ofMillis(50),
                client,
                MonotonicClock.system(),
                LeaseEvents.NONE));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (ServerBinaries.missing().isEmpty() && topology.server().missing().isEmpty()) {
      cluster = new LocalProcessBackend().start(topology);
    }
  }

  /** Skips each test on its own, so that the reports count them as skipped. */
  @Override
  public void beforeEach(ExtensionContext context) {
    RedisNodesExtension.requireServers();
    switch (topology.server()) {
      case ETCD -> RequireServers.etcd();
      case ZOOKEEPER -> RequireServers.zooKeeper();
      case POSTGRES -> RequireServers.postgres();
      case REDIS -> {}
    }
    harness = new NemesisHarness(cluster, SCENARIO_MILLIS);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
    }
  }
}
