package io.redlocklab.harness.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.JsonlHistory;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import io.redlocklab.testkit.RedisNodesExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cell pipeline on real servers: the checkers must see a violation that the theory says
 * must happen (a client that ignores its validity after a pause longer than the TTL) and must see
 * fencing turn it into rejected requests.
 */
class LocalScenarioRunnerIT {

  @TempDir Path dir;

  @BeforeEach
  void serversInstalled() {
    RedisNodesExtension.requireServers();
  }

  private Scenario scenario(String faults, boolean respectValidity) throws IOException {
    return scenario(faults, respectValidity, 50, "");
  }

  private Scenario scenario(
      String faults, boolean respectValidity, int workMs, String workloadExtras)
      throws IOException {
    Path file = dir.resolve("it.yaml");
    Files.writeString(
        file,
        """
        name: it
        title: "runner IT"
        description: "a short cell"
        source: ["Kleppmann 2016, Protecting a resource with a lock"]
        modes: [single-instance, redlock-5-fenced-quorum]
        workload:
          clients: 2
          ttl_ms: 500
          work_ms: %d
          think_ms: 20
          duration_ms: 4000
          %s
          seed: 7
          respect_validity: %s
        faults: %s
        predictions:
          single-instance: {outcome: violates, reason: "pause past the TTL", citation: "Kleppmann 2016"}
          redlock-5-fenced-quorum: {outcome: holds, reason: "fencing", citation: "Kleppmann 2016"}
        """
            .formatted(workMs, workloadExtras, respectValidity, faults));
    return ScenarioLoader.loadScenario(file);
  }

  private static final String PAUSE =
      """

        - type: client-pause
          point: after-acquire
          pause_ms: 1200
          at_ms: 500
          duration_ms: 1000
      """;

  private CellResult run(Scenario scenario, String mode) {
    return new LocalScenarioRunner()
        .run(
            scenario,
            LockModes.find(mode).orElseThrow(),
            new RunOptions(null, dir.resolve("out"), "local"),
            ProgressListener.NONE);
  }

  @Test
  void withoutFaultsTheLockHoldsAndEveryAcknowledgedWriteIsInTheFinalSet() throws IOException {
    CellResult cell = run(scenario("[]", true), "single-instance");

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(cell.measurement().cycles()).isGreaterThan(10);
    List<HistoryRecord> history = JsonlHistory.read(dir.resolve("out").resolve(cell.historyFile()));
    long acknowledged =
        history.stream()
            .filter(r -> r.op().equals(Ops.WRITE) && r.type().equals(HistoryRecord.OK))
            .count();
    HistoryRecord finalRead =
        history.stream().filter(r -> r.op().equals(Ops.FINAL_READ)).findFirst().orElseThrow();
    assertThat(Ops.splitElements(finalRead.value())).hasSize((int) acknowledged);
  }

  @Test
  void aPausedClientThatIgnoresItsValidityViolatesMutualExclusion() throws IOException {
    CellResult cell = run(scenario(PAUSE, false), "single-instance");

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.VIOLATES);
    assertThat(cell.measurement().violations()).isPositive();
  }

  @Test
  void quorumFencingTurnsTheSameLateWriteIntoARejection() throws IOException {
    CellResult cell = run(scenario(PAUSE, false), "redlock-5-fenced-quorum");

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(cell.measurement().resource().fencedRejections()).isPositive();
  }

  @Test
  void everyWatchdogRenewalIsRecordedWithTheLeasesNewEnd() throws IOException {
    // Work of 1.2 s under a 500 ms TTL only finishes if the watchdog extends the lease.
    Scenario renewing = scenario("[]", true, 1200, "watchdog: true");

    CellResult cell = run(renewing, "redlock-5-fenced-quorum");

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.HOLDS);
    List<HistoryRecord> history = JsonlHistory.read(dir.resolve("out").resolve(cell.historyFile()));
    List<HistoryRecord> renewals =
        history.stream()
            .filter(r -> r.op().equals(Ops.EXTEND) && r.type().equals(HistoryRecord.OK))
            .toList();
    assertThat(renewals).isNotEmpty();
    for (HistoryRecord extend : renewals) {
      HistoryRecord acquire =
          history.stream()
              .filter(r -> r.op().equals(Ops.ACQUIRE) && r.type().equals(HistoryRecord.OK))
              .filter(r -> extend.leaseValue().equals(r.leaseValue()))
              .findFirst()
              .orElseThrow();
      assertThat(extend.validUntilNanos()).isGreaterThan(acquire.validUntilNanos());
      assertThat(extend.token()).isEqualTo(acquire.token());
    }
  }

  @Test
  void aPauseThatNoClientWalksIntoFailsTheCellInsteadOfPassingIt() throws IOException {
    // One cycle per client: both are done long before the pause is armed at 2 s.
    Scenario idle = scenario(PAUSE.replace("at_ms: 500", "at_ms: 2000"), false, 50, "cycles: 1");

    CellResult cell = run(idle, "single-instance");

    assertThat(cell.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(cell.error()).contains("did not take effect").contains("after-acquire");
  }
}
