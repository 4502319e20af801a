package io.redlocklab.harness.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import io.redlocklab.testkit.RequireServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One short etcd cell through the whole pipeline: the 3-member cluster behind the harness's
 * proxies, jetcd clients in their own JVMs, a SIGSTOP of the holder longer than the lease. The
 * consensus lock is broken by it like any lease (Kleppmann 2016; Jepsen etcd 3.4.3).
 */
class EtcdCellIT {

  @TempDir Path dir;

  @Test
  void aWholeProcessPauseLongerThanTheLeaseBreaksTheUnfencedEtcdLock() throws Exception {
    RequireServers.etcd();
    Path file = dir.resolve("etcd-it.yaml");
    Files.writeString(
        file,
        """
        name: etcd-it
        title: "etcd runner IT"
        description: "a short process-pause cell"
        source: ["Jepsen, etcd 3.4.3 (2020)"]
        modes: [etcd]
        workload:
          clients: 2
          clients_as: processes
          ttl_ms: 1000
          work_ms: 100
          duration_ms: 7000
          seed: 15
          respect_validity: false
          acquire_wait_ms: 3000
        faults:
          - type: process-pause
            clients: [0]
            point: after-acquire
            pause_ms: 2500
            at_ms: 1500
            duration_ms: 3000
        predictions:
          etcd: {outcome: violates, reason: "SIGSTOP stops the keep-alives", citation: "Jepsen etcd 3.4.3"}
        """);
    Scenario scenario = ScenarioLoader.loadScenario(file);
    CellResult cell =
        new LocalScenarioRunner()
            .run(
                scenario,
                LockModes.ETCD,
                new RunOptions(null, dir.resolve("out"), "local"),
                ProgressListener.NONE);

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.VIOLATES);
    assertThat(cell.measurement().violations()).isPositive();
  }
}
