package io.redlocklab.harness.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import io.redlocklab.testkit.RedisNodesExtension;
import io.redlocklab.testkit.RequireServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real cell per reference mode through the runner: a SIGSTOP of the holder's JVM longer than
 * the TTL (scenario 24, shortened). The ZooKeeper session expires under it and another client is
 * granted; czxid fencing rejects the woken holder; the advisory lock, which has no TTL, never
 * moves.
 */
class ReferenceLocksRunnerIT {

  @TempDir static Path dir;
  private static Scenario scenario;

  @BeforeAll
  static void write() throws IOException {
    Path file = dir.resolve("reference.yaml");
    Files.writeString(
        file,
        """
        name: reference-it
        description: "a process pause past the session timeout"
        source: ["Kleppmann 2016, Protecting a resource with a lock"]
        modes: [zookeeper, zookeeper-fenced, postgres-advisory, postgres-advisory-fenced]
        workload:
          clients: 2
          clients_as: processes
          ttl_ms: 1000
          work_ms: 50
          think_ms: 20
          duration_ms: 8000
          seed: 15
          respect_validity: false
          watchdog: true
          acquire_wait_ms: 3000
        faults:
          - type: process-pause
            clients: [0]
            point: after-acquire
            pause_ms: 2500
            at_ms: 1500
            duration_ms: 3500
        predictions:
          zookeeper: {outcome: violates, reason: "session expires", citation: "Kleppmann 2016"}
          zookeeper-fenced: {outcome: holds, reason: "czxid", citation: "Kleppmann 2016"}
          postgres-advisory: {outcome: holds, reason: "no TTL", citation: "PostgreSQL docs"}
          postgres-advisory-fenced: {outcome: holds, reason: "no TTL", citation: "PostgreSQL docs"}
        """);
    scenario = ScenarioLoader.loadScenario(file);
  }

  @BeforeEach
  void serversInstalled() {
    RedisNodesExtension.requireServers();
  }

  private static CellResult run(String mode) {
    return new LocalScenarioRunner()
        .run(
            scenario,
            LockModes.find(mode).orElseThrow(),
            new RunOptions(null, dir.resolve("out"), "local"),
            ProgressListener.NONE);
  }

  @Test
  void aJvmPauseLongerThanTheSessionTimeoutBreaksTheZooKeeperLock() {
    RequireServers.zooKeeper();
    CellResult cell = run("zookeeper");

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.VIOLATES);
    assertThat(cell.measurement().violations()).isPositive();
  }

  @Test
  void czxidFencingRejectsTheWokenHolder() {
    RequireServers.zooKeeper();
    CellResult cell = run("zookeeper-fenced");

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(cell.measurement().resource().fencedRejections()).isPositive();
  }

  @Test
  void theAdvisoryLockOutlivesThePauseWithItsSession() {
    RequireServers.postgres();
    CellResult cell = run("postgres-advisory");

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(cell.measurement().cycles()).isGreaterThan(5);
  }

  @Test
  void theFencedAdvisoryLockHoldsWithGrowingTokens() {
    RequireServers.postgres();
    CellResult cell = run("postgres-advisory-fenced");

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(cell.measurement().resource().fencedRejections()).isZero();
  }
}
