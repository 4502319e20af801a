package io.redlocklab.harness.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.nemesis.Fault;
import io.redlocklab.harness.nemesis.FaultType;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fault type the soak claims for a mode is drawn, and every segment loads as a scenario. */
class SoakPlanTest {

  @TempDir Path dir;

  @Test
  void everySupportedTypeIsDrawnAndEverySegmentLoadsAndApplies() throws Exception {
    for (LockMode mode : LockModes.all()) {
      Random random = new Random(16);
      Set<FaultType> drawn = EnumSet.noneOf(FaultType.class);
      for (int index = 0; index < 200; index++) {
        SoakPlan.Segment segment = SoakPlan.segment(mode, index, 20_000, random);
        Path file = dir.resolve(segment.name() + ".yaml");
        Files.writeString(file, segment.yaml());
        Scenario scenario = ScenarioLoader.loadScenario(file);
        assertThat(scenario.name()).isEqualTo(segment.name());
        assertThat(scenario.notApplicable(mode)).as(segment.yaml()).isEmpty();
        assertNoTargetTwiceAtOnce(scenario, mode);
        drawn.addAll(segment.injections());
      }
      assertThat(drawn).as(mode.id()).containsExactlyInAnyOrderElementsOf(SoakPlan.supported(mode));
    }
  }

  @Test
  void typesAModeTopologyCannotHaveAreLeftOut() {
    assertThat(SoakPlan.supported(LockModes.REDLOCK_5))
        .doesNotContain(
            FaultType.FAILOVER,
            FaultType.CUT_REPLICATION,
            FaultType.REPLICA_LAG,
            FaultType.SENTINEL_FAILOVER)
        .contains(
            FaultType.PARTITION,
            FaultType.CRASH_NODE,
            FaultType.CLOCK_JUMP,
            FaultType.CLIENT_PAUSE,
            FaultType.PROCESS_PAUSE,
            FaultType.PROCESS_CRASH);
    assertThat(SoakPlan.supported(LockModes.SINGLE_INSTANCE_FAILOVER))
        .contains(FaultType.FAILOVER, FaultType.CUT_REPLICATION, FaultType.REPLICA_LAG)
        .doesNotContain(FaultType.SENTINEL_FAILOVER);
    assertThat(SoakPlan.supported(LockModes.SENTINEL))
        .contains(FaultType.SENTINEL_FAILOVER, FaultType.CUT_REPLICATION)
        .doesNotContain(FaultType.FAILOVER, FaultType.PARTITION, FaultType.PAUSE_NODE);
    assertThat(SoakPlan.supported(LockModes.ETCD))
        .doesNotContain(FaultType.CLOCK_JUMP, FaultType.CLOCK_DRIFT)
        .contains(FaultType.PAUSE_NODE, FaultType.CRASH_NODE, FaultType.PARTITION);
  }

  /**
   * A pause or crash that waits for its client to reach a point stays armed long enough for one
   * client of three to win a lease: a crash to the segment's last second, a pause at least {@link
   * SoakPlan#MIN_POINT_ARMED_MS}.
   */
  @Test
  void pointTriggeredFaultsStayArmedLongEnough() throws Exception {
    long durationMs = 20_000;
    Random random = new Random(16);
    int seen = 0;
    for (int index = 0; index < 400; index++) {
      LockMode mode = LockModes.all().get(index % LockModes.all().size());
      SoakPlan.Segment segment = SoakPlan.segment(mode, index, durationMs, random);
      Path file = dir.resolve(segment.name() + ".yaml");
      Files.writeString(file, segment.yaml());
      for (Fault fault : ScenarioLoader.loadScenario(file).faults(mode)) {
        if (fault.type() == FaultType.PROCESS_CRASH) {
          assertThat(fault.atMillis() + fault.durationMillis()).isEqualTo(durationMs - 1000);
          seen++;
        } else if (fault.type() == FaultType.CLIENT_PAUSE) {
          assertThat(fault.durationMillis()).isGreaterThanOrEqualTo(SoakPlan.MIN_POINT_ARMED_MS);
          seen++;
        }
      }
    }
    assertThat(seen).isPositive();
  }

  /** A node or client is the target of one fault at a time (start to heal plus the settle time). */
  private static void assertNoTargetTwiceAtOnce(Scenario scenario, LockMode mode) {
    List<String> claims = new ArrayList<>();
    List<long[]> windows = new ArrayList<>();
    long end = scenario.workload(mode).duration().toMillis();
    for (Fault fault : scenario.faults(mode)) {
      Object targets = fault.params().getOrDefault("nodes", fault.params().get("clients"));
      String kind = fault.params().containsKey("clients") ? "c" : "n";
      List<?> indices = targets instanceof List<?> list ? list : List.of(0);
      long step = fault.repeatEveryMillis() > 0 ? fault.repeatEveryMillis() : end;
      for (long start = fault.atMillis(); start < end; start += step) {
        boolean forGood =
            fault.durationMillis() == 0
                || fault.type() == FaultType.PROCESS_CRASH
                || fault.type() == FaultType.FAILOVER
                || fault.type() == FaultType.SENTINEL_FAILOVER;
        long heal = forGood ? end : start + fault.durationMillis();
        for (Object index : indices) {
          claims.add(kind + index);
          windows.add(new long[] {start, heal});
        }
      }
    }
    for (int i = 0; i < claims.size(); i++) {
      for (int j = i + 1; j < claims.size(); j++) {
        boolean overlap =
            windows.get(i)[0] < windows.get(j)[1] && windows.get(j)[0] < windows.get(i)[1];
        assertThat(claims.get(i).equals(claims.get(j)) && overlap)
            .as(scenario.name() + ": " + claims.get(i) + " hit twice at once")
            .isFalse();
      }
    }
  }
}
