package io.redlocklab.harness.mode;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.cluster.LockServer;
import io.redlocklab.harness.nemesis.PausePoint;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockModesTest {

  @Test
  void theNineColumnsOfTheMatrixInReportOrder() {
    assertThat(LockModes.all())
        .extracting(LockMode::id)
        .containsExactly(
            "single-instance",
            "single-instance-failover",
            "sentinel",
            "sentinel-wait",
            "redlock-3",
            "redlock-5",
            "redlock-5-fenced-single",
            "redlock-5-fenced-quorum",
            "redlock-5-fenced-quorum-clock",
            "redisson-rlock",
            "redisson-rlock-watchdog",
            "redisson-redlock-5",
            "redisson-fenced",
            "redisson-rlock-sentinel",
            "zookeeper",
            "zookeeper-fenced",
            "postgres-advisory",
            "postgres-advisory-fenced",
            "etcd",
            "etcd-fenced");
  }

  @Test
  void theReferenceColumnsDeclareTheirServersAndWhatTheyCanFeel() {
    assertThat(LockModes.ZOOKEEPER.server()).isEqualTo(LockServer.ZOOKEEPER);
    assertThat(LockModes.ZOOKEEPER.nodes()).isEqualTo(3);
    assertThat(LockModes.ZOOKEEPER.group()).isEqualTo(LockMode.Group.CONSENSUS_DATABASE);
    assertThat(LockModes.ZOOKEEPER.fenced()).isFalse();
    assertThat(LockModes.ZOOKEEPER_FENCED.fenced()).isTrue();
    assertThat(LockModes.ZOOKEEPER.traits().injectedClock()).isFalse();
    assertThat(LockModes.ZOOKEEPER.traits().pausePoints())
        .doesNotContain(PausePoint.DURING_ACQUIRE);
    assertThat(LockModes.POSTGRES_ADVISORY.server()).isEqualTo(LockServer.POSTGRES);
    assertThat(LockModes.POSTGRES_ADVISORY.nodes()).isEqualTo(1);
    assertThat(LockModes.POSTGRES_ADVISORY.traits().injectedClock()).isTrue();
    assertThat(LockModes.POSTGRES_ADVISORY_FENCED.fenced()).isTrue();
    assertThat(LockModes.REDLOCK_5.server()).isEqualTo(LockServer.REDIS);
  }

  @Test
  void eachModeDescribesItsSetUp() {
    assertThat(LockModes.SINGLE_INSTANCE_FAILOVER.needsReplica()).isTrue();
    assertThat(LockModes.SINGLE_INSTANCE_FAILOVER.nodes()).isEqualTo(1);
    assertThat(LockModes.REDLOCK_3.quorum()).isEqualTo(2);
    assertThat(LockModes.REDLOCK_5.quorum()).isEqualTo(3);
    assertThat(LockModes.REDLOCK_5.fenced()).isFalse();
    assertThat(LockModes.REDLOCK_5_FENCED_SINGLE.fenced()).isTrue();
    assertThat(LockModes.REDLOCK_5_FENCED_QUORUM.fenced()).isTrue();
    assertThat(LockModes.REDLOCK_5_FENCED_QUORUM_CLOCK.fenced()).isTrue();
    assertThat(LockModes.REDLOCK_5.traits().injectedClock()).isTrue();
    assertThat(LockModes.REDLOCK_5.traits().pausePoints()).contains(PausePoint.DURING_ACQUIRE);
    assertThat(LockModes.SINGLE_INSTANCE.group()).isEqualTo(LockMode.Group.SINGLE_REDIS);
    assertThat(LockModes.REDLOCK_3.group()).isEqualTo(LockMode.Group.REDLOCK);
    assertThat(LockModes.SENTINEL.sentinel()).isTrue();
    assertThat(LockModes.SENTINEL_WAIT.sentinel()).isTrue();
    assertThat(LockModes.SENTINEL_WAIT.group()).isEqualTo(LockMode.Group.SINGLE_REDIS);
    assertThat(LockModes.SINGLE_INSTANCE_FAILOVER.sentinel()).isFalse();
    assertThat(LockModes.find("redlock-7")).isEmpty();
    assertThat(LockModes.ETCD.server()).isEqualTo(LockServer.ETCD);
    assertThat(LockModes.ETCD.nodes()).isEqualTo(3);
    assertThat(LockModes.ETCD.fenced()).isFalse();
    assertThat(LockModes.ETCD_FENCED.fenced()).isTrue();
    assertThat(LockModes.ETCD.traits().watchdog()).isTrue();
    assertThat(LockModes.REDLOCK_5.server()).isEqualTo(LockServer.REDIS);
  }

  @Test
  void faultsEtcdCannotFeelOrThatCannotBeProvenOnItAreNotApplicableWithTheReason()
      throws Exception {
    Path dir = Path.of("..", "scenarios");
    Scenario serverClock = ScenarioLoader.loadScenario(dir.resolve("14-server-clock-fast.yaml"));
    assertThat(serverClock.notApplicable(LockModes.ETCD)).get().asString().contains("vDSO");
    assertThat(serverClock.notApplicable(LockModes.REDLOCK_5)).isEmpty();
    Scenario crash = ScenarioLoader.loadScenario(dir.resolve("12-crash-restart-aof-always.yaml"));
    assertThat(crash.notApplicable(LockModes.ETCD)).as("crash-node has an etcd probe").isEmpty();
    assertThat(
            linkFault("latency", "latency_ms: 100", "not-applicable").notApplicable(LockModes.ETCD))
        .get()
        .asString()
        .contains("PING round trips");
    assertThat(linkFault("lost-replies", "", "not-applicable").notApplicable(LockModes.ETCD_FENCED))
        .get()
        .asString()
        .contains("Redis SET");
    assertThat(linkFault("reset-peer", "", "not-applicable").notApplicable(LockModes.ETCD))
        .get()
        .asString()
        .contains("Redis SET");
    assertThat(linkFault("partition", "", "holds").notApplicable(LockModes.ETCD)).isEmpty();
    assertThat(
            linkFault("latency", "latency_ms: 100", "not-applicable")
                .notApplicable(LockModes.REDLOCK_3))
        .isEmpty();
    Scenario failover = ScenarioLoader.loadScenario(dir.resolve("13-failover-unreplicated.yaml"));
    assertThat(failover.notApplicable(LockModes.ETCD_FENCED))
        .get()
        .asString()
        .contains("replication");
    Scenario pause = ScenarioLoader.loadScenario(dir.resolve("24-watchdog-gc-pause-process.yaml"));
    assertThat(pause.notApplicable(LockModes.ETCD)).isEmpty();
  }

  @TempDir Path tmp;

  /** A one-fault scenario on node 0 for redlock-3 and the etcd modes, predicted etcdOutcome. */
  private Scenario linkFault(String type, String extra, String etcdOutcome) throws Exception {
    Path file = tmp.resolve(type + ".yaml");
    Files.writeString(
        file,
        """
        name: etcd-fault
        title: "etcd fault"
        description: "one fault"
        source: ["FAULTS.md"]
        modes: [redlock-3, etcd, etcd-fenced]
        workload: {clients: 1, ttl_ms: 1000, work_ms: 10, duration_ms: 1000, seed: 1}
        faults:
          - {type: %s, nodes: [0], at_ms: 100, duration_ms: 100%s}
        predictions:
          redlock-3: {outcome: holds, reason: "r", citation: "c"}
          etcd: {outcome: %s, reason: "r", citation: "c"}
          etcd-fenced: {outcome: %s, reason: "r", citation: "c"}
        """
            .formatted(type, extra.isEmpty() ? "" : ", " + extra, etcdOutcome, etcdOutcome));
    return ScenarioLoader.loadScenario(file);
  }
}
