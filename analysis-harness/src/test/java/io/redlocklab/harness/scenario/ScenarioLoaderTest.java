package io.redlocklab.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.InputException;
import io.redlocklab.harness.checker.AvailabilityWindow;
import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.cluster.Capability;
import io.redlocklab.harness.cluster.Topology;
import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.nemesis.Fault;
import io.redlocklab.harness.nemesis.FaultType;
import io.redlocklab.harness.nemesis.NemesisFactory;
import io.redlocklab.testkit.Persistence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

  /** A valid scenario; tests replace one line to break it. Line numbers are 1-based below. */
  static final String VALID =
      """
      name: gc-pause
      description: a pause
      source: Kleppmann 2016
      modes: [redlock-3, redlock-5-fenced-quorum]
      topology:
        persistence: always
      workload:
        clients: 3
        ttl_ms: 1000
        work_ms: 100
        duration_ms: 8000
        seed: 7
        respect_validity: {default: true, redlock-3: false}
      faults:
        - type: client-pause
          clients: [0]
          point: after-acquire
          pause_ms: 2500
          at_ms: 1000
          duration_ms: 500
          repeat_every_ms: 3000
        - type: partition
          modes: [redlock-5-fenced-quorum]
          nodes: [3, 4]
          at_ms: 0
          duration_ms: 1000
      availability:
        window: faults
        min_success_rate: 0.2
      predictions:
        redlock-3:
          outcome: violates
          reason: paused past the TTL
          citation: Kleppmann 2016
        redlock-5-fenced-quorum:
          outcome: holds
          reason: fencing rejects
          citation: Kleppmann 2016
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loadFails(String text) throws Exception {
    Path file = write("s.yaml", text);
    return assertThatThrownBy(() -> ScenarioLoader.load(file)).isInstanceOf(InputException.class);
  }

  private String at(int line) {
    return dir.resolve("s.yaml") + ":" + line + ": ";
  }

  @Test
  void readsAValidScenarioWithDefaultsAndPerModeSettings() throws Exception {
    Scenario s = ScenarioLoader.loadScenario(write("s.yaml", VALID));

    assertThat(s.name()).isEqualTo("gc-pause");
    assertThat(s.title()).isEqualTo("gc-pause");
    assertThat(s.sources()).containsExactly("Kleppmann 2016");
    assertThat(s.modes()).containsExactly(LockModes.REDLOCK_3, LockModes.REDLOCK_5_FENCED_QUORUM);
    assertThat(s.topology().persistence()).isEqualTo(Persistence.AOF_ALWAYS);
    assertThat(s.replicas(LockModes.REDLOCK_3)).isFalse();
    assertThat(s.replicas(LockModes.SINGLE_INSTANCE_FAILOVER)).isTrue();

    Workload w3 = s.workload(LockModes.REDLOCK_3);
    Workload w5 = s.workload(LockModes.REDLOCK_5_FENCED_QUORUM);
    assertThat(w3.respectValidity()).isFalse();
    assertThat(w5.respectValidity()).isTrue();
    assertThat(w5.acquireWait()).isEqualTo(Duration.ofMillis(1000));
    assertThat(w5.nodeTimeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(w5.resource()).isEqualTo("lock-set");
    assertThat(w5.cycles()).isZero();
    assertThat(w5.think()).isEqualTo(Workload.DEFAULT_THINK);
    assertThat(s.seed()).isEqualTo(7);

    assertThat(s.faults(LockModes.REDLOCK_3))
        .extracting(Fault::type)
        .containsExactly(FaultType.CLIENT_PAUSE);
    assertThat(s.faults(LockModes.REDLOCK_5_FENCED_QUORUM)).hasSize(2);
    Fault pause = s.faults(LockModes.REDLOCK_3).get(0);
    assertThat(pause.params())
        .containsEntry("pause_ms", 2500L)
        .containsEntry("point", "after-acquire")
        .containsEntry("clients", List.of(0))
        .doesNotContainKey("modes");
    assertThat(pause.where()).startsWith(dir.resolve("s.yaml") + ":15");
    assertThat(s.needsServerClocks(LockModes.REDLOCK_3)).isFalse();

    assertThat(s.prediction(LockModes.REDLOCK_3).outcome()).isEqualTo(Outcome.VIOLATES);
    assertThat(s.checkSettings(LockModes.REDLOCK_3).fenced()).isFalse();
    assertThat(s.checkSettings(LockModes.REDLOCK_5_FENCED_QUORUM).fenced()).isTrue();
    assertThat(s.checkSettings(LockModes.REDLOCK_3).window()).isEqualTo(AvailabilityWindow.FAULTS);
    assertThat(s.checkSettings(LockModes.REDLOCK_3).minSuccessRate()).isEqualTo(0.2);
  }

  @Test
  void aScenarioFileLoadsAsASuiteOfOne() throws Exception {
    Suite suite = ScenarioLoader.load(write("s.yaml", VALID));
    assertThat(suite.cells()).hasSize(2);
  }

  @Test
  void anUnknownKeyNamesItsLineAndTheAllowedKeys() throws Exception {
    loadFails(VALID.replace("  ttl_ms: 1000", "  ttl: 1000"))
        .hasMessageStartingWith(
            at(9) + "unknown key 'ttl' in 'workload'; expected one of clients, ttl_ms");
    loadFails(VALID.replace("topology:", "topolgy:"))
        .hasMessageStartingWith(at(5) + "unknown key 'topolgy'");
  }

  @Test
  void aTypeErrorNamesItsLineAndTheExpectedType() throws Exception {
    loadFails(VALID.replace("clients: 3", "clients: three"))
        .hasMessage(at(8) + "'clients' is the text 'three'; expected a whole number in 1..64");
    loadFails(VALID.replace("min_success_rate: 0.2", "min_success_rate: yes"))
        .hasMessageStartingWith(at(29) + "'min_success_rate' is the boolean yes; expected a rate");
    loadFails(VALID.replace("modes: [redlock-3, redlock-5-fenced-quorum]", "modes: redlock-3"))
        .hasMessageStartingWith(at(4) + "'modes' is the text 'redlock-3'; expected a list");
  }

  @Test
  void anUnknownModeIsRejected() throws Exception {
    loadFails(
            VALID.replace(
                "modes: [redlock-3, redlock-5-fenced-quorum]", "modes: [redlock-3, redlock-7]"))
        .hasMessageStartingWith(
            at(4) + "unknown mode 'redlock-7'; expected one of single-instance, ");
  }

  @Test
  void anUnknownFaultTypeIsRejected() throws Exception {
    loadFails(VALID.replace("type: client-pause", "type: gc-pause"))
        .hasMessageStartingWith(
            at(15) + "'type' is 'gc-pause'; expected one of partition, latency");
  }

  @Test
  void aKeyOfAnotherFaultTypeIsRejected() throws Exception {
    loadFails(VALID.replace("    pause_ms: 2500\n", "    pause_ms: 2500\n    latency_ms: 5\n"))
        .hasMessageStartingWith(at(19) + "unknown key 'latency_ms'");
  }

  @Test
  void aMissingFaultKeyIsRejected() throws Exception {
    loadFails(VALID.replace("    point: after-acquire\n", ""))
        .hasMessageStartingWith(at(15) + "fault client-pause has no 'point'");
  }

  @Test
  void aProcessFaultInAThreadRunNamesItsLine() throws Exception {
    loadFails(
            VALID
                .replace("type: client-pause", "type: process-pause")
                .replace("modes: [redlock-3, redlock-5-fenced-quorum]", "modes: [redlock-3]")
                .replace(
                    "  - type: partition\n    modes: [redlock-5-fenced-quorum]\n"
                        + "    nodes: [3, 4]\n    at_ms: 0\n    duration_ms: 1000\n",
                    ""))
        .hasMessageStartingWith(
            at(15) + "process-pause acts on client processes but the clients run as threads");
  }

  @Test
  void aThreadPauseInAProcessRunIsRejected() throws Exception {
    loadFails(VALID.replace("  clients: 3\n", "  clients: 3\n  clients_as: processes\n"))
        .hasMessageStartingWith(
            at(16) + "client-pause parks a harness thread but the clients run as processes");
  }

  @Test
  void compareWithNamesAnotherScenario() throws Exception {
    loadFails(
            VALID.replace(
                "description: a pause\n", "description: a pause\ncompare_with: gc-pause\n"))
        .hasMessageStartingWith(at(3) + "compare_with 'gc-pause' is not another scenario's name");
  }

  @Test
  void compareWithIsKept() throws Exception {
    Scenario s =
        ScenarioLoader.loadScenario(
            write(
                "s.yaml",
                VALID.replace(
                    "description: a pause\n",
                    "description: a pause\ncompare_with: gc-pause-process\n")));

    assertThat(s.compareWith()).contains("gc-pause-process");
    assertThat(ScenarioLoader.loadScenario(write("t.yaml", VALID)).compareWith()).isEmpty();
  }

  @Test
  void aProcessPauseAtAPointNeedsItsLength() throws Exception {
    loadFails(
            VALID
                .replace("  clients: 3\n", "  clients: 3\n  clients_as: processes\n")
                .replace("type: client-pause", "type: process-pause")
                .replace("    pause_ms: 2500\n", ""))
        .hasMessageStartingWith(at(16) + "process-pause gives 'point' without the other");
  }

  @Test
  void aNodeThatAModeDoesNotHaveIsRejected() throws Exception {
    loadFails(VALID.replace("    modes: [redlock-5-fenced-quorum]\n", ""))
        .hasMessageContaining(at(23) + "node 3 does not exist in every mode (redlock-3 has 3");
  }

  @Test
  void aFaultBeyondTheWorkloadIsRejected() throws Exception {
    loadFails(VALID.replace("at_ms: 1000", "at_ms: 9000"))
        .hasMessageStartingWith(at(19) + "at_ms 9000 is not before the end of the workload");
  }

  /** VALID with its second fault (line 22, redlock-5-fenced-quorum only) replaced. */
  private static String withSecondFault(String entry) {
    String partition =
        "  - type: partition\n"
            + "    modes: [redlock-5-fenced-quorum]\n"
            + "    nodes: [3, 4]\n"
            + "    at_ms: 0\n"
            + "    duration_ms: 1000\n";
    assertThat(VALID).contains(partition);
    return VALID.replace(
        partition, "  - modes: [redlock-5-fenced-quorum]\n    at_ms: 0\n" + entry.indent(4));
  }

  @Test
  void theRulesOfOneFaultTypeAreCheckedWithTheirLine() throws Exception {
    loadFails(withSecondFault("type: latency\nduration_ms: 100\nnodes: all\nlatency_ms: 0"))
        .hasMessage(
            at(27) + "'latency_ms' is 0, out of range; expected a whole number in 1..600000");
    loadFails(
            withSecondFault(
                "type: latency\nduration_ms: 100\nnodes: all\nlatency_ms: 5\njitter_ms: 6"))
        .hasMessage(
            at(28) + "jitter_ms 6 is more than latency_ms 5; expected a jitter in 0..latency_ms");
    loadFails(withSecondFault("type: latency\nduration_ms: 100\nlatency_ms: 5"))
        .hasMessageStartingWith(at(22) + "fault latency has no 'nodes'");
    loadFails(withSecondFault("type: partition\nnodes: [0]"))
        .hasMessageStartingWith(at(22) + "fault partition has no 'duration_ms'");
    loadFails(withSecondFault("type: client-clock\nduration_ms: 100\nrate: 0"))
        .hasMessageStartingWith(at(26) + "'rate' is 0, out of range");
    loadFails(withSecondFault("type: reset-peer\nduration_ms: 100\nnodes: 0\ntimeout_ms: 60001"))
        .hasMessageStartingWith(at(27) + "'timeout_ms' is 60001, out of range");
    loadFails(withSecondFault("type: client-pause\nduration_ms: 100\npoint: lunch\npause_ms: 5"))
        .hasMessage(
            at(26)
                + "'point' is 'lunch'; expected one of after-acquire, during-acquire,"
                + " before-release, during-renewal");
    loadFails(withSecondFault("type: clock-jump\nduration_ms: 100\nnodes: 0\njump_ms: 0"))
        .hasMessageStartingWith(at(27) + "jump_ms is 0");
  }

  @Test
  void onlyPartitionPauseAndCrashChooseTheLeader() throws Exception {
    loadFails(withSecondFault("type: latency\nduration_ms: 100\nnodes: leader\nlatency_ms: 5"))
        .hasMessage(
            at(26)
                + "latency cannot choose its node by role; expected node indices or all;"
                + " 'nodes: leader' is for partition, pause-node, crash-node");
    loadFails(withSecondFault("type: partition\nduration_ms: 100\nnodes: leaders"))
        .hasMessage(
            at(26) + "'nodes' is the text 'leaders'; expected node indices, all, or leader");
  }

  @Test
  void aLeaderFaultIsNotApplicableToServersThatElectNone(@TempDir Path dir) throws Exception {
    String yaml =
        """
        name: leader
        description: the leader cut off
        source: Jepsen
        modes: [redlock-5, zookeeper, etcd]
        workload:
          clients: 2
          ttl_ms: 1000
          work_ms: 100
          duration_ms: 8000
          seed: 7
        faults:
          - type: partition
            nodes: leader
            at_ms: 1000
            duration_ms: 2000
          - type: crash-node
            modes: [zookeeper]
            nodes: leader
            at_ms: 4000
            duration_ms: 1000
        predictions:
          redlock-5: {outcome: not-applicable, reason: r, citation: c}
          zookeeper: {outcome: holds, reason: r, citation: c}
          etcd: {outcome: holds, reason: r, citation: c}
        """;
    Files.writeString(dir.resolve("s.yaml"), yaml);
    Scenario s = ScenarioLoader.loadScenario(dir.resolve("s.yaml"));

    assertThat(s.faults(LockModes.ZOOKEEPER)).hasSize(2).allMatch(Fault::choosesLeader);
    assertThat(s.faults(LockModes.ETCD)).hasSize(1);
    assertThat(s.notApplicable(LockModes.ZOOKEEPER)).isEmpty();
    assertThat(s.notApplicable(LockModes.ETCD)).isEmpty();
    assertThat(s.notApplicable(LockModes.REDLOCK_5))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("(faults[0] partition)")
                    .contains("nodes: leader, but redlock-5's redis-server servers elect no"));
  }

  @Test
  void partitionViewsMustCutSomethingAndExcludeNodes() throws Exception {
    loadFails(withSecondFault("type: partition\nduration_ms: 100\nsees: [[0, 1, 2, 3, 4]]"))
        .hasMessageStartingWith(
            at(26) + "'sees' leaves every link up in mode redlock-5-fenced-quorum: nothing to cut");
    loadFails(withSecondFault("type: partition\nduration_ms: 100\nsees: [[0]]\nnodes: [1]"))
        .hasMessageStartingWith(at(26) + "partition gives both 'sees' and 'nodes'/'clients'");
  }

  @Test
  void failoverNeedsReplicasAndCannotRepeat() throws Exception {
    loadFails(withSecondFault("type: failover\nnodes: [0]"))
        .hasMessageStartingWith(
            at(24) + "failover needs replicas but mode redlock-5-fenced-quorum has none");
    loadFails(
            withSecondFault("type: failover\nnodes: [0]\nduration_ms: 10\nrepeat_every_ms: 1000")
                .replace("persistence: always", "persistence: always\n  replicas: true"))
        .hasMessageStartingWith(at(28) + "failover cannot repeat");
  }

  @Test
  void anErrorFromTheNemesisFactoryCarriesTheFaultsFileAndLine() throws Exception {
    Scenario s =
        ScenarioLoader.loadScenario(
            write("s.yaml", withSecondFault("type: crash-node\nnodes: [0]")));
    NemesisFactory withoutProcessControl =
        new NemesisFactory(
            Topology.builder().masters(5).clients(3).build(),
            EnumSet.noneOf(Capability.class),
            s.workload(LockModes.REDLOCK_5_FENCED_QUORUM).duration().toMillis());

    assertThatThrownBy(
            () -> withoutProcessControl.validate(s.faults(LockModes.REDLOCK_5_FENCED_QUORUM)))
        .isInstanceOf(InputException.class)
        .hasMessage(
            dir.resolve("s.yaml")
                + ":22 (faults[1] crash-node): the chosen backend cannot run it (it kills and"
                + " restarts server processes); use the local backend");
  }

  @Test
  void everyListedModeNeedsAPredictionAndNoOtherModeMayHaveOne() throws Exception {
    String withoutFenced =
        VALID.substring(0, VALID.indexOf("  redlock-5-fenced-quorum:\n    outcome"));
    loadFails(withoutFenced)
        .hasMessageStartingWith(
            at(31) + "modes lists 'redlock-5-fenced-quorum' but predictions has no entry");
    loadFails(VALID.replace("  redlock-3:\n    outcome", "  redlock-5:\n    outcome"))
        .hasMessageStartingWith(at(31) + "prediction for 'redlock-5', which is not in modes");
  }

  @Test
  void errorIsNotAPrediction() throws Exception {
    loadFails(VALID.replace("outcome: violates", "outcome: error"))
        .hasMessage(
            at(32) + "outcome 'error'; expected holds, violates, unavailable or not-applicable");
  }

  @Test
  void duplicateKeysAndBrokenYamlAreRejectedWithTheirLine() throws Exception {
    loadFails(VALID.replace("  work_ms: 100\n", "  work_ms: 100\n  work_ms: 200\n"))
        .hasMessageStartingWith(at(11) + "duplicate key 'work_ms'");
    loadFails(VALID.replace("  seed: 7\n", "  seed: [7\n"))
        .hasMessageContaining("not valid YAML")
        .hasMessageStartingWith(dir.resolve("s.yaml") + ":");
    loadFails("").hasMessage(at(1) + "the file is empty; expected a YAML mapping");
  }

  @Test
  void aMissingFileIsBadInput() {
    assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(InputException.class)
        .hasMessageEndingWith("nope.yaml: no such file");
  }

  @Test
  void aSuiteListsScenarioFilesRelativeToItselfAndMayNarrowTheirModes() throws Exception {
    write("s.yaml", VALID);
    Path suiteFile =
        write(
            "ci.suite.yaml",
            """
            name: ci
            scenarios:
              - s.yaml
              - file: s.yaml
                modes: [redlock-3]
            """);

    Suite suite = ScenarioLoader.load(suiteFile);
    assertThat(suite.name()).isEqualTo("ci");
    assertThat(suite.cells())
        .extracting(c -> c.mode().id())
        .containsExactly("redlock-3", "redlock-5-fenced-quorum", "redlock-3");
  }

  @Test
  void aSuiteNamingAMissingFileOrAForeignModeIsRejected() throws Exception {
    write("s.yaml", VALID);
    Path missing = write("a.suite.yaml", "name: a\nscenarios:\n  - s.yaml\n  - nope.yaml\n");
    assertThatThrownBy(() -> ScenarioLoader.load(missing))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(missing + ":4: no such scenario file 'nope.yaml'");

    Path foreign =
        write("b.suite.yaml", "name: b\nscenarios:\n  - file: s.yaml\n    modes: [redlock-5]\n");
    assertThatThrownBy(() -> ScenarioLoader.load(foreign))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(
            foreign + ":4: mode 'redlock-5' is not a mode of scenario gc-pause");
  }

  @Test
  void anErrorInAScenarioOfASuiteNamesTheScenarioFile() throws Exception {
    write("s.yaml", VALID.replace("clients: 3", "clients: 0"));
    Path suite = write("c.suite.yaml", "name: c\nscenarios: [s.yaml]\n");
    assertThatThrownBy(() -> ScenarioLoader.load(suite))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(dir.resolve("s.yaml") + ":8: 'clients' is 0, out of range");
  }

  @Test
  void aFaultAModeCannotFeelMakesItNotApplicableWithTheFaultsLine() throws Exception {
    Scenario s =
        ScenarioLoader.loadScenario(
            write(
                "s.yaml",
                withSecondFault(
                    "type: client-pause\nduration_ms: 100\npoint: during-acquire\npause_ms: 50")));
    LockMode withoutHook =
        new LockMode(
            "redlock-5-fenced-quorum",
            "no hook",
            LockMode.Group.REDLOCK,
            5,
            false,
            new LockClientTraits(true, LockClientTraits.workloadPausePoints(), true, false),
            context -> {
              throw new AssertionError("a not-applicable cell never builds a client");
            },
            "a client without a during-acquire hook");

    assertThat(s.notApplicable(LockModes.REDLOCK_5_FENCED_QUORUM)).isEmpty();
    assertThat(s.notApplicable(withoutHook))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith(dir.resolve("s.yaml") + ":22 (faults[1] client-pause)")
                    .contains("has no hook at during-acquire"));
  }

  @Test
  void notApplicableMustBePredictedOnlyWhereAFaultCannotAct() throws Exception {
    loadFails(VALID.replaceFirst("outcome: violates", "outcome: not-applicable"))
        .hasMessageContaining("is predicted not-applicable, but every fault acts on it");
  }

  @Test
  void sentinelFailoverTakesKillIsolateOrSplitBrainOnly() throws Exception {
    loadFails(withSecondFault("type: sentinel-failover\nhow: crash"))
        .hasMessage(at(25) + "'how' is 'crash'; expected one of kill, isolate, split-brain");
    loadFails(withSecondFault("type: sentinel-failover\nnodes: [0]"))
        .hasMessageStartingWith(at(25) + "unknown key 'nodes'");
    loadFails(withSecondFault("type: sentinel-failover\nduration_ms: 10\nrepeat_every_ms: 1000"))
        .hasMessageStartingWith(at(26) + "sentinel-failover cannot repeat");
  }

  @Test
  void aSplitBrainNamesSomeButNotAllClients() throws Exception {
    loadFails(withSecondFault("type: sentinel-failover\nhow: split-brain"))
        .hasMessage(
            at(25)
                + "sentinel-failover how: split-brain names no clients to stay with the old master;"
                + " expected clients: [0] (some, not all, of the 3 clients)");
    loadFails(withSecondFault("type: sentinel-failover\nhow: split-brain\nclients: [0, 1, 2]"))
        .hasMessage(
            at(26)
                + "a split brain leaves every client with the old master: none follows the new"
                + " one; expected fewer than all 3 clients");
    loadFails(withSecondFault("type: sentinel-failover\nhow: split-brain\nclients: all"))
        .hasMessageStartingWith(at(26) + "a split brain leaves every client with the old master");
    loadFails(withSecondFault("type: sentinel-failover\nclients: [0]"))
        .hasMessage(
            at(25)
                + "sentinel-failover takes 'clients' only with how: split-brain; expected how:"
                + " split-brain, or no 'clients'");
  }

  @Test
  void sentinelFaultsApplyOnlyToSentinelModesAndNodeLinkFaultsNotToThem(@TempDir Path dir)
      throws Exception {
    String yaml =
        """
        name: sentinel
        description: a failover
        source: redis.io Sentinel
        modes: [single-instance, sentinel]
        workload:
          clients: 2
          ttl_ms: 1000
          work_ms: 100
          duration_ms: 8000
          seed: 7
        faults:
          - type: sentinel-failover
            modes: [sentinel]
            how: isolate
            at_ms: 1000
            duration_ms: 2000
          - type: replica-lag
            modes: [sentinel]
            nodes: [0]
            latency_ms: 50
            at_ms: 0
            duration_ms: 1000
          - type: partition
            modes: [sentinel]
            nodes: [0]
            at_ms: 4000
            duration_ms: 1000
        predictions:
          single-instance: {outcome: holds, reason: r, citation: c}
          sentinel: {outcome: not-applicable, reason: r, citation: c}
        """;
    Files.writeString(dir.resolve("s.yaml"), yaml);
    Scenario s = ScenarioLoader.loadScenario(dir.resolve("s.yaml"));

    Fault failover = s.faults(LockModes.SENTINEL).get(0);
    assertThat(failover.type()).isEqualTo(FaultType.SENTINEL_FAILOVER);
    assertThat(failover.params()).containsEntry("how", "isolate");
    assertThat(s.faults(LockModes.SINGLE_INSTANCE)).isEmpty();
    assertThat(s.notApplicable(LockModes.SINGLE_INSTANCE)).isEmpty();
    assertThat(s.notApplicable(LockModes.SENTINEL))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("(faults[2] partition)")
                    .contains("under Sentinel a client's links lead to both servers"));
    assertThat(s.replicas(LockModes.SENTINEL)).isTrue();
  }
}
