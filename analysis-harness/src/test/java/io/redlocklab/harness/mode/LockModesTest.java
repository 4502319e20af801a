package io.redlocklab.harness.mode;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.cluster.LockServer;
import io.redlocklab.harness.nemesis.PausePoint;
import org.junit.jupiter.api.Test;

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
            "postgres-advisory-fenced");
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
  }
}
