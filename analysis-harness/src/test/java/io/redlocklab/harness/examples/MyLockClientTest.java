package io.redlocklab.harness.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.runner.LocalScenarioRunner;
import io.redlocklab.harness.runner.ProgressListener;
import io.redlocklab.harness.runner.RunOptions;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's declared traits decide which of the real scenarios can act on it. */
class MyLockClientTest {

  @TempDir Path dir;

  private static Scenario scenario(String file) {
    return ScenarioLoader.loadScenario(Path.of("../scenarios", file));
  }

  @Test
  void aPauseDuringAcquireIsNotApplicableBecauseTheExampleReportsNoRequestsSent() {
    Scenario during = scenario("08-pause-during-acquire.yaml");

    assertThat(during.notApplicable(MyLockClient.MODE))
        .hasValueSatisfying(
            why -> assertThat(why).contains("my-set-nx").contains("during-acquire"));
    CellResult cell =
        new LocalScenarioRunner()
            .run(
                during,
                MyLockClient.MODE,
                new RunOptions(null, dir, "local"),
                ProgressListener.NONE);
    assertThat(cell.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(cell.historyFile()).isNull();
  }

  @Test
  void theClockAndTheWorkloadsPausePointsApplyBecauseTheExampleDeclaresThem() {
    assertThat(scenario("15-client-clock-slow.yaml").notApplicable(MyLockClient.MODE)).isEmpty();
    assertThat(scenario("06-gc-pause-after-acquire.yaml").notApplicable(MyLockClient.MODE))
        .isEmpty();
  }

  @Test
  void aWatchdogWorkloadIsNotApplicableBecauseTheExampleNeverRenews() {
    assertThat(scenario("23-watchdog-gc-pause-thread.yaml").notApplicable(MyLockClient.MODE))
        .hasValueSatisfying(why -> assertThat(why).contains("no watchdog"));
  }

  @Test
  void aSentinelFailoverIsNotApplicableToAModeWithoutSentinels() throws IOException {
    Path file = dir.resolve("failover.yaml");
    Files.writeString(
        file,
        """
        name: failover
        description: "Sentinel fails the master over"
        source: ["redis.io Sentinel"]
        modes: [sentinel]
        workload: {clients: 2, ttl_ms: 1000, work_ms: 50, duration_ms: 6000, seed: 1}
        faults:
          - {type: sentinel-failover, at_ms: 1000}
        predictions:
          sentinel: {outcome: violates, reason: "unused", citation: "none"}
        """);

    assertThat(ScenarioLoader.loadScenario(file).notApplicable(MyLockClient.MODE))
        .hasValueSatisfying(why -> assertThat(why).contains("no sentinels"));
  }
}
