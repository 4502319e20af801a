package io.redlocklab.harness.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.JsonlHistory;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.runner.LocalScenarioRunner;
import io.redlocklab.harness.runner.ProgressListener;
import io.redlocklab.harness.runner.RunOptions;
import io.redlocklab.harness.scenario.ScenarioLoader;
import io.redlocklab.testkit.RedisNodesExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs' example lock client as a mode of its own, through the real runner on real servers: its
 * cells are measured like any built-in column's, and a timing fault breaks it as theory says.
 */
class MyLockClientIT {

  @TempDir Path dir;

  @BeforeEach
  void serversInstalled() {
    RedisNodesExtension.requireServers();
  }

  /** A 3 s cell of two clients; the file lists a built-in mode, the runner is given ours. */
  private CellResult run(String faults, boolean respectValidity) throws IOException {
    return run(faults, respectValidity, MyLockClient.MODE);
  }

  private CellResult run(String faults, boolean respectValidity, LockMode mode) throws IOException {
    Path file = dir.resolve("example.yaml");
    Files.writeString(
        file,
        """
        name: example
        description: "the docs' example client"
        source: ["docs/LOCK-CLIENTS.md"]
        modes: [single-instance]
        workload:
          clients: 2
          ttl_ms: 500
          work_ms: 30
          think_ms: 20
          duration_ms: 3000
          seed: 12
          respect_validity: %s
        faults: %s
        predictions:
          single-instance: {outcome: holds, reason: "unused here", citation: "none"}
        """
            .formatted(respectValidity, faults));
    return new LocalScenarioRunner()
        .run(
            ScenarioLoader.loadScenario(file),
            mode,
            new RunOptions(null, dir.resolve("out"), "local"),
            ProgressListener.NONE);
  }

  @Test
  void withoutFaultsTheExampleCellIsMeasuredAndHolds() throws IOException {
    CellResult cell = run("[]", true);

    assertThat(cell.error()).isNull();
    assertThat(cell.mode()).isEqualTo("my-set-nx");
    assertThat(cell.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(cell.measurement().cycles()).isGreaterThan(10);
    List<HistoryRecord> history = JsonlHistory.read(dir.resolve("out").resolve(cell.historyFile()));
    assertThat(history)
        .filteredOn(r -> r.op().equals(Ops.RELEASE) && r.type().equals(HistoryRecord.OK))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.detail()).isEqualTo("released"))
        .allSatisfy(r -> assertThat(r.mode()).isEqualTo("my-set-nx"));
  }

  @Test
  void aHolderPausedPastItsTtlThatIgnoresValidityViolates() throws IOException {
    String pause =
        """

          - type: client-pause
            clients: [0]
            point: after-acquire
            pause_ms: 1200
            at_ms: 500
            duration_ms: 1000
        """;

    CellResult cell = run(pause, false);

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.VIOLATES);
  }

  @Test
  void aLockClientThatThrowsAnythingButARefusalFailsTheCell() throws IOException {
    LockMode buggy =
        new LockMode(
            "buggy",
            "buggy",
            LockMode.Group.SINGLE_REDIS,
            1,
            false,
            MyLockClient.MODE.traits(),
            context ->
                new LockClient() {
                  @Override
                  public HeldLease acquire(String resource, Duration wait) {
                    throw new IllegalStateException("a bug in the lock client");
                  }

                  @Override
                  public void close() {}
                },
            "throws from acquire");

    CellResult cell = run("[]", true, buggy);

    assertThat(cell.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(cell.error()).contains("died").contains("a bug in the lock client");
  }
}
