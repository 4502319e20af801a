package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.InputException;
import io.redlocklab.harness.checker.Checker;
import io.redlocklab.harness.history.ClientHistory;
import io.redlocklab.harness.history.HistorySink;
import io.redlocklab.harness.history.HistorySinks;
import io.redlocklab.harness.history.JsonlHistoryWriter;
import io.redlocklab.harness.history.MemorySink;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.report.Interruption;
import io.redlocklab.harness.report.ResultsFile;
import io.redlocklab.harness.report.RunResults;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.runner.ProgressListener;
import io.redlocklab.harness.runner.RunOptions;
import io.redlocklab.harness.runner.ScenarioRunner;
import io.redlocklab.harness.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedlockLabTest {

  static final String SCENARIO =
      """
      name: pause
      description: a pause
      source: Kleppmann 2016
      modes: [redlock-5, redlock-5-fenced-quorum]
      workload: {clients: 2, ttl_ms: 1000, work_ms: 10, duration_ms: 2000, seed: 9}
      predictions:
        redlock-5: {outcome: violates, reason: pause, citation: K16}
        redlock-5-fenced-quorum: {outcome: holds, reason: fencing, citation: K16}
      """;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private FakeRunner runner;
  private RedlockLab lab;

  @BeforeEach
  void setUp() {
    runner = new FakeRunner(Set.of("redlock-5"));
    lab =
        new RedlockLab(
            () -> runner,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path scenario(String text) throws Exception {
    Path file = dir.resolve("pause.yaml");
    Files.writeString(file, text);
    return file;
  }

  private int run(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("run", scenario(SCENARIO).toString(), "--out", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return lab.execute(args.toArray(String[]::new));
  }

  @Test
  void exitsZeroWhenEveryCellIsAsPredictedAndWritesEverything() throws Exception {
    assertThat(run("--seed", "5")).isZero();

    assertThat(out())
        .contains("pause", "✓ violates", "✓ holds", "2 cells, 2 as predicted, 0 differ");
    assertThat(err())
        .contains(
            "[1/2] pause × redlock-5 ...", "[2/2] pause × redlock-5-fenced-quorum", "✓ violates");
    Path outDir = dir.resolve("out");
    assertThat(outDir.resolve("results.json")).exists();
    assertThat(outDir.resolve("junit.xml")).exists();
    assertThat(outDir.resolve("REPORT.md")).exists();
    assertThat(outDir.resolve("report/pause.svg")).exists();
    assertThat(Files.readString(outDir.resolve("REPORT.md")))
        .contains(
            "scripts/lab run " + dir.resolve("pause.yaml") + " --out " + outDir + " --seed 5");
    assertThat(runner.seeds).containsOnly(5L);
    assertThat(runner.checked).isEqualTo(2);
  }

  @Test
  void exitsOneAndListsEachCellThatDiffers() throws Exception {
    runner = new FakeRunner(Set.of());

    assertThat(run()).isEqualTo(1);
    assertThat(err()).contains("differs: pause × redlock-5: measured holds, predicted violates");
    assertThat(err()).doesNotContain("differs: pause × redlock-5-fenced-quorum");
  }

  @Test
  void aCellThatThrowsIsAnErrorCellAndTheSuiteGoesOn() throws Exception {
    runner.failOn = "redlock-5";

    assertThat(run()).isEqualTo(1);
    assertThat(err())
        .contains("differs: pause × redlock-5: measured error, predicted violates (server died)");
    assertThat(runner.ran).containsExactly("redlock-5", "redlock-5-fenced-quorum");
  }

  @Test
  void badScenarioInputExitsTwoWithOneLineAndNothingRuns() throws Exception {
    Path bad = scenario(SCENARIO.replace("ttl_ms", "ttl"));

    int code = lab.execute("run", bad.toString(), "--out", dir.resolve("out").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err().lines().toList())
        .containsExactly(
            "redlock-lab: "
                + bad
                + ":5: unknown key 'ttl' in 'workload'; expected one of clients, ttl_ms, work_ms,"
                + " duration_ms, cycles, seed, respect_validity, node_timeout_ms, acquire_wait_ms,"
                + " watchdog, resource, think_ms, clients_as");
    assertThat(runner.ran).isEmpty();
  }

  @Test
  void aRunnerCheckThatRejectsTheInputExitsTwoBeforeAnyCellRuns() throws Exception {
    runner.rejectOnCheck = "testcontainers cannot move server clocks";

    assertThat(run()).isEqualTo(2);
    assertThat(err()).isEqualTo("redlock-lab: testcontainers cannot move server clocks\n");
    assertThat(runner.ran).isEmpty();
  }

  @Test
  void commandLineErrorsExitTwoWithOneLine() throws Exception {
    assertThat(lab.execute("run", dir.resolve("missing.yaml").toString())).isEqualTo(2);
    assertThat(lab.execute("run", scenario(SCENARIO).toString(), "--sed", "1")).isEqualTo(2);
    assertThat(lab.execute("run", scenario(SCENARIO).toString(), "--seed", "x")).isEqualTo(2);
    assertThat(lab.execute("run", scenario(SCENARIO).toString(), "--backend", "k8s")).isEqualTo(2);
    assertThat(lab.execute("run", scenario(SCENARIO).toString(), "--backend", "external"))
        .isEqualTo(2);
    assertThat(lab.execute("frobnicate")).isEqualTo(2);
    assertThat(lab.execute()).isEqualTo(2);

    List<String> lines = err().lines().toList();
    assertThat(lines).hasSize(7).allMatch(l -> l.startsWith("redlock-lab: "));
    assertThat(lines.get(0)).endsWith("missing.yaml: no such file");
    assertThat(lines.get(1)).contains("Unknown option").contains("'--sed'");
    assertThat(lines.get(3)).contains("--backend must be one of local, testcontainers, was 'k8s'");
    assertThat(lines.get(4))
        .contains("--backend must be one of local, testcontainers, was 'external'");
    assertThat(err()).doesNotContain("\tat ");
    assertThat(runner.ran).isEmpty();
  }

  @Test
  void helpExitsZero() {
    assertThat(lab.execute("--help")).isZero();
    assertThat(lab.execute("run", "--help")).isZero();
    assertThat(out()).contains("run", "list", "report", "--seed", "--backend");
  }

  @Test
  void listShowsEveryScenarioWithItsPredictionsAndExitsTwoOnABrokenOne() throws Exception {
    scenario(SCENARIO);
    Files.writeString(dir.resolve("all.suite.yaml"), "name: all\nscenarios: [pause.yaml]\n");

    assertThat(lab.execute("list", dir.toString())).isZero();
    assertThat(out())
        .contains(
            "pause.yaml",
            "pause: redlock-5=violates, redlock-5-fenced-quorum=holds",
            "suite all: 1 scenarios, 2 cells");

    Files.writeString(dir.resolve("broken.yaml"), "name: broken\nmodes: [redlock-9]\n");
    assertThat(lab.execute("list", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("broken.yaml:1:");
  }

  @Test
  void reportRedrawsTheReportFromAResultsDirectory() throws Exception {
    assertThat(run()).isZero();
    Path outDir = dir.resolve("out");
    Files.delete(outDir.resolve("REPORT.md"));

    assertThat(lab.execute("report", outDir.toString())).isZero();
    assertThat(outDir.resolve("REPORT.md")).exists();
    assertThat(lab.execute("report", dir.resolve("nothing").toString())).isEqualTo(2);
  }

  @Test
  void anInterruptedRunsResultsAreNeverShownAsCompleteNorMerged() throws Exception {
    assertThat(run()).isZero();
    Path outDir = dir.resolve("out");
    RunResults whole = ResultsFile.read(outDir.resolve("results.json"));
    Interruption stop =
        new Interruption("SIGINT", "cell 2/2 pause × redlock-5: starting servers", 1, 2);
    ResultsFile.write(
        outDir.resolve("results.json"),
        new RunResults(
            whole.metadata().withInterruption(stop),
            whole.scenarios(),
            whole.cells().subList(0, 1)));
    assertThat(ResultsFile.read(outDir.resolve("results.json")).metadata().interrupted())
        .isEqualTo(stop);

    assertThat(lab.execute("report", outDir.toString())).isEqualTo(RedlockLab.DIFFERS);
    assertThat(err())
        .contains(
            "incomplete: the run was interrupted by SIGINT during cell 2/2 pause × redlock-5:"
                + " starting servers after 1 of 2 cells");
    assertThat(Files.readString(outDir.resolve("REPORT.md")))
        .contains("> **Incomplete: this run was interrupted by SIGINT during cell 2/2");

    assertThat(lab.execute("merge", outDir.toString(), "--out", dir.resolve("m").toString()))
        .isEqualTo(RedlockLab.BAD_INPUT);
    assertThat(err())
        .contains(
            "redlock-lab: cannot merge "
                + outDir
                + ": that run was interrupted by SIGINT during cell 2/2");
  }

  @Test
  void progressOnATerminalRewritesOneLine() throws Exception {
    lab =
        new RedlockLab(
            () -> runner,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            true);

    assertThat(run()).isZero();
    assertThat(err()).contains("\r\033[K[1/2] pause × redlock-5", "cycles 2  violations");
  }

  /**
   * Writes a two-client history per cell: overlapping leases in the modes named, disjoint ones
   * elsewhere, so the real checker decides violates or holds.
   */
  static final class FakeRunner implements ScenarioRunner {
    final Set<String> overlapIn;
    final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    final List<Long> seeds = Collections.synchronizedList(new ArrayList<>());
    int checked;
    String failOn;
    String rejectOnCheck;

    /** When set, the overlap happens only in these trials. */
    Set<Integer> overlapTrials;

    /** When set, this trial throws (a trial that errors). */
    Integer failTrial;

    FakeRunner(Set<String> overlapIn) {
      this.overlapIn = overlapIn;
    }

    @Override
    public void check(Scenario scenario, LockMode mode, RunOptions options) {
      checked++;
      if (rejectOnCheck != null) {
        throw new InputException(rejectOnCheck);
      }
    }

    @Override
    public CellResult run(
        Scenario scenario, LockMode mode, RunOptions options, ProgressListener progress) {
      ran.add(mode.id());
      long seed = options.seedFor(scenario);
      seeds.add(seed);
      if (mode.id().equals(failOn)
          || (failTrial != null && failTrial == options.trial() && overlapIn.contains(mode.id()))) {
        throw new IllegalStateException("server died");
      }
      boolean overlap =
          overlapIn.contains(mode.id())
              && (overlapTrials == null || overlapTrials.contains(options.trial()));
      MemorySink memory = new MemorySink();
      try (JsonlHistoryWriter file = JsonlHistoryWriter.open(options.historyFile(scenario, mode))) {
        HistorySink sink = HistorySinks.tee(memory, file);
        AtomicLong ms = new AtomicLong();
        ClientHistory c0 =
            new ClientHistory(sink, () -> ms.get() * 1_000_000, 0, mode.id(), "lock-set");
        ClientHistory c1 =
            new ClientHistory(sink, () -> ms.get() * 1_000_000, 1, mode.id(), "lock-set");
        sink.append(Ops.runStarted(0, scenario.name(), mode.id(), seed));
        c0.acquireInvoked();
        c0.acquired("a", 1L, 1_000_000_000L, List.of());
        ms.set(overlap ? 400 : 1000);
        if (!overlap) {
          c0.releaseInvoked("a", null);
        }
        c1.acquireInvoked();
        c1.acquired("b", 2L, 2_000_000_000L, List.of());
        ms.set(1000);
        if (overlap) {
          c0.releaseInvoked("a", null);
        }
        progress.update(2, overlap ? 2 : 0);
        ms.set(1500);
        c1.releaseInvoked("b", null);
        sink.append(Ops.finalRead(1_600_000_000L, mode.id(), "lock-set", List.of()));
      }
      return CellResult.measured(
              scenario.name(),
              mode.id(),
              seed,
              Checker.check(memory.records(), scenario.checkSettings(mode)),
              options.historyName(scenario, mode),
              10)
          .withTrial(options.trial());
    }

    @Override
    public Map<String, String> environment() {
      return Map.of("redis-server", "fake");
    }
  }
}
