package io.redlocklab.harness.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.nemesis.FaultType;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fault type the soak claims for a mode is drawn, and every segment loads as a scenario. */
class SoakPlanTest {

  private static final List<LockMode> SOAK_MODES =
      List.of(LockModes.REDLOCK_5, LockModes.REDLOCK_5_FENCED_QUORUM);

  @TempDir Path dir;

  @Test
  void everySupportedTypeIsDrawnAndEverySegmentLoads() throws Exception {
    for (LockMode mode : SOAK_MODES) {
      Random random = new Random(16);
      Set<FaultType> drawn = EnumSet.noneOf(FaultType.class);
      for (int index = 0; index < 200; index++) {
        SoakPlan.Segment segment = SoakPlan.segment(mode, index, 20_000, random);
        Path file = dir.resolve(segment.name() + ".yaml");
        Files.writeString(file, segment.yaml());
        Scenario scenario = ScenarioLoader.loadScenario(file);
        assertThat(scenario.name()).isEqualTo(segment.name());
        drawn.addAll(segment.injections());
      }
      assertThat(drawn).as(mode.id()).containsExactlyInAnyOrderElementsOf(SoakPlan.supported(mode));
    }
  }

  @Test
  void typesTheSoakTopologyCannotHaveAreLeftOut() {
    List<FaultType> supported = SoakPlan.supported(LockModes.REDLOCK_5);

    assertThat(supported)
        .doesNotContain(
            FaultType.FAILOVER,
            FaultType.CUT_REPLICATION,
            FaultType.REPLICA_LAG,
            FaultType.SENTINEL_FAILOVER,
            FaultType.PROCESS_PAUSE,
            FaultType.PROCESS_CRASH)
        .contains(
            FaultType.PARTITION,
            FaultType.CRASH_NODE,
            FaultType.CLOCK_JUMP,
            FaultType.CLIENT_PAUSE);
  }
}
