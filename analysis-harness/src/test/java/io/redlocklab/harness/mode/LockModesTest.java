package io.redlocklab.harness.mode;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.FencingMode;
import org.junit.jupiter.api.Test;

class LockModesTest {

  @Test
  void theSevenColumnsOfTheMatrixInReportOrder() {
    assertThat(LockModes.all())
        .extracting(LockMode::id)
        .containsExactly(
            "single-instance",
            "single-instance-failover",
            "redlock-3",
            "redlock-5",
            "redlock-5-fenced-single",
            "redlock-5-fenced-quorum",
            "redlock-5-fenced-quorum-clock");
  }

  @Test
  void eachModeDescribesItsSetUp() {
    assertThat(LockModes.SINGLE_INSTANCE_FAILOVER.needsReplica()).isTrue();
    assertThat(LockModes.SINGLE_INSTANCE_FAILOVER.nodes()).isEqualTo(1);
    assertThat(LockModes.REDLOCK_3.quorum()).isEqualTo(2);
    assertThat(LockModes.REDLOCK_5.quorum()).isEqualTo(3);
    assertThat(LockModes.REDLOCK_5.fenced()).isFalse();
    assertThat(LockModes.REDLOCK_5_FENCED_SINGLE.fencing()).isEqualTo(FencingMode.SINGLE_NODE);
    assertThat(LockModes.REDLOCK_5_FENCED_QUORUM.fenced()).isTrue();
    assertThat(LockModes.REDLOCK_5_FENCED_QUORUM_CLOCK.fencing())
        .isEqualTo(FencingMode.QUORUM_CLOCK_FLOOR);
    assertThat(LockModes.find("redlock-7")).isEmpty();
  }
}
