package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redlocklab.harness.checker.Checker;
import io.redlocklab.harness.history.JsonlHistory;
import io.redlocklab.harness.runner.Trials;
import io.redlocklab.harness.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trials}, {@code --shard} and {@code merge} through the CLI, with the fake runner. */
class TrialsAndShardsTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private RedlockLabTest.FakeRunner runner;
  private RedlockLab lab;
  private Path scenario;

  @BeforeEach
  void setUp() throws Exception {
    runner = new RedlockLabTest.FakeRunner(Set.of("redlock-5"));
    lab =
        new RedlockLab(
            () -> runner,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    scenario = dir.resolve("pause.yaml");
    Files.writeString(scenario, RedlockLabTest.SCENARIO);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private int run(Path out, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("run", scenario.toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    return lab.execute(args.toArray(String[]::new));
  }

  @Test
  void eachTrialRunsWithItsOwnDerivedSeedAndGzippedHistory() throws Exception {
    Path outDir = dir.resolve("out");
    assertThat(run(outDir, "--trials", "3")).isZero();

    assertThat(runner.ran).hasSize(6);
    assertThat(runner.seeds)
        .containsExactly(
            9L, Trials.seed(9, 1), Trials.seed(9, 2), 9L, Trials.seed(9, 1), Trials.seed(9, 2));
    assertThat(Set.copyOf(runner.seeds)).hasSize(3);
    for (int t = 0; t < 3; t++) {
      Path history = outDir.resolve("histories/pause--redlock-5--t" + t + ".jsonl.gz");
      assertThat(history).exists();
      // the checker reads the gzipped history back to the same verdict
      var scenarioFile = ScenarioLoader.loadScenario(scenario);
      var mode = scenarioFile.modes().get(0);
      assertThat(
              Checker.check(JsonlHistory.read(history), scenarioFile.checkSettings(mode)).outcome())
          .hasToString("violates");
    }
    String report = Files.readString(outDir.resolve("REPORT.md"));
    assertThat(report).contains("6 trials in all", "3 trials: 3 violates; verdict in 3/3");
    assertThat(report).contains("0 in 6 leases: < 39% (95%)");
    JsonNode results = new ObjectMapper().readTree(outDir.resolve("results.json").toFile());
    assertThat(results.get("cells")).hasSize(6);
    assertThat(results.get("cells").get(2).get("trial").asInt()).isEqualTo(2);
    assertThat(results.get("summary").get(0).get("tally").get("reproduced").asInt()).isEqualTo(3);
    assertThat(results.get("metadata").get("trials").asInt()).isEqualTo(3);
    assertThat(Files.readString(outDir.resolve("report/cells.csv")))
        .contains("pause,redlock-5,violates,violates,true,3,3,false,0");

    // report redraws from results.json and the gzipped histories
    Files.delete(outDir.resolve("REPORT.md"));
    assertThat(lab.execute("report", outDir.toString())).isZero();
    assertThat(Files.readString(outDir.resolve("REPORT.md"))).isEqualTo(report);
  }

  @Test
  void theWorstTrialWinsAndARarelySeenPredictedViolationIsWeaklyReproduced() throws Exception {
    runner.overlapTrials = Set.of(1);
    runner.failTrial = 3;
    Path outDir = dir.resolve("out");

    assertThat(run(outDir, "--trials", "4")).isZero();

    String report = Files.readString(outDir.resolve("REPORT.md"));
    assertThat(report)
        .contains("4 trials: 1 violates, 1 error, 2 holds; verdict in 1/4, weakly reproduced")
        .contains("**weakly reproduced**: pause × redlock-5")
        .contains("1 of 4 trials could not run")
        .contains("trial 3 error: server died");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("✓ violates 1/4 weak +1 err");
  }

  @Test
  void trialsComeFromTheCliOverTheSuiteOverTheScenario() throws Exception {
    Files.writeString(scenario, RedlockLabTest.SCENARIO + "trials: 2\n");
    assertThat(run(dir.resolve("a"))).isZero();
    assertThat(runner.ran).hasSize(4);

    Path suite = dir.resolve("s.suite.yaml");
    Files.writeString(suite, "name: s\ntrials: 3\nscenarios: [pause.yaml]\n");
    runner.ran.clear();
    assertThat(lab.execute("run", suite.toString(), "--out", dir.resolve("b").toString())).isZero();
    assertThat(runner.ran).hasSize(6);

    runner.ran.clear();
    assertThat(
            lab.execute(
                "run", suite.toString(), "--out", dir.resolve("c").toString(), "--trials", "1"))
        .isZero();
    assertThat(runner.ran).hasSize(2);
  }

  @Test
  void trialsInAFileMustBeAtLeastOneAndASuiteEntryMaySetItsOwn() throws Exception {
    Files.writeString(scenario, RedlockLabTest.SCENARIO + "trials: 0\n");
    assertThat(run(dir.resolve("o"))).isEqualTo(2);
    assertThat(err().lines().toList()).hasSize(1);
    assertThat(err()).startsWith("redlock-lab: " + scenario + ":9: 'trials' is 0");
    assertThat(runner.ran).isEmpty();

    Files.writeString(scenario, RedlockLabTest.SCENARIO);
    Path suite = dir.resolve("s.suite.yaml");
    Files.writeString(
        suite,
        "name: s\ntrials: 3\nscenarios:\n  - {file: pause.yaml, modes: [redlock-5], trials: 2}\n");
    assertThat(lab.execute("run", suite.toString(), "--out", dir.resolve("b").toString())).isZero();
    assertThat(runner.ran).containsExactly("redlock-5", "redlock-5");
  }

  @Test
  void badTrialsAndShardsExitTwoWithOneLineBeforeAnythingRuns() {
    assertThat(run(dir.resolve("o"), "--trials", "0")).isEqualTo(2);
    assertThat(run(dir.resolve("o"), "--shard", "3/2")).isEqualTo(2);
    assertThat(run(dir.resolve("o"), "--shard", "x")).isEqualTo(2);
    assertThat(run(dir.resolve("o"), "--shard", "0/2")).isEqualTo(2);

    List<String> lines = err().lines().toList();
    assertThat(lines)
        .containsExactly(
            "redlock-lab: --trials 0: expected a whole number from 1 to 10000",
            "redlock-lab: --shard 3/2: expected i/n with 1 <= i <= n, e.g. 1/4",
            "redlock-lab: --shard 'x': expected i/n with 1 <= i <= n, e.g. 1/4",
            "redlock-lab: --shard 0/2: expected i/n with 1 <= i <= n, e.g. 1/4");
    assertThat(runner.ran).isEmpty();
    assertThat(runner.checked).isZero();
  }

  @Test
  void parallelCellsGiveTheSameResultsInTheSameOrderAsOneAfterAnother() throws Exception {
    runner.overlapTrials = Set.of(1, 2);
    assertThat(run(dir.resolve("serial"), "--trials", "4")).isZero();
    assertThat(run(dir.resolve("parallel"), "--trials", "4", "--parallel", "3")).isZero();

    JsonNode serial = cells(dir.resolve("serial"));
    JsonNode parallel = cells(dir.resolve("parallel"));
    assertThat(parallel).hasSize(8);
    for (int i = 0; i < serial.size(); i++) {
      for (String field : List.of("scenario", "mode", "trial", "seed", "outcome", "historyFile")) {
        assertThat(parallel.get(i).get(field))
            .as(i + " " + field)
            .isEqualTo(serial.get(i).get(field));
      }
    }
    assertThat(Files.readString(dir.resolve("parallel/report/cells.csv")))
        .isEqualTo(Files.readString(dir.resolve("serial/report/cells.csv")));
    assertThat(err()).contains("[8/8] pause × ").doesNotContain("\r");
  }

  @Test
  void parallelMustBeBetweenOneAndEight() {
    assertThat(run(dir.resolve("o"), "--parallel", "0")).isEqualTo(2);
    assertThat(run(dir.resolve("o"), "--parallel", "9")).isEqualTo(2);
    assertThat(err().lines().toList())
        .containsExactly(
            "redlock-lab: --parallel 0: expected a whole number from 1 to 8",
            "redlock-lab: --parallel 9: expected a whole number from 1 to 8");
    assertThat(runner.ran).isEmpty();
  }

  private static JsonNode cells(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("cells");
  }

  @Test
  void shardsMergeToExactlyTheSingleRun() throws Exception {
    Path single = dir.resolve("single");
    Path one = dir.resolve("shard1");
    Path two = dir.resolve("shard2");
    Path merged = dir.resolve("merged");
    assertThat(run(single, "--trials", "3")).isZero();
    assertThat(run(one, "--trials", "3", "--shard", "1/2")).isZero();
    int firstShard = runner.ran.size() - 6;
    assertThat(run(two, "--trials", "3", "--shard", "2/2")).isZero();
    int secondShard = runner.ran.size() - 6 - firstShard;
    assertThat(firstShard + secondShard).isEqualTo(6);
    assertThat(firstShard).isEqualTo(3);

    assertThat(lab.execute("merge", two.toString(), one.toString(), "--out", merged.toString()))
        .isZero();

    assertThat(normalized(merged.resolve("results.json")))
        .isEqualTo(normalized(single.resolve("results.json")));
    assertThat(normalized(merged.resolve("report/results.json")))
        .isEqualTo(normalized(single.resolve("report/results.json")));
    assertThat(masked(merged.resolve("REPORT.md"))).isEqualTo(masked(single.resolve("REPORT.md")));
    assertThat(Files.readString(merged.resolve("junit.xml")))
        .isEqualTo(Files.readString(single.resolve("junit.xml")));
    assertThat(Files.readString(merged.resolve("report/cells.csv")))
        .isEqualTo(Files.readString(single.resolve("report/cells.csv")));
    assertThat(merged.resolve("histories/pause--redlock-5--t2.jsonl.gz")).exists();
  }

  @Test
  void mergingShardsOfAnotherSuiteVersionOrSeedExitsTwoWithOneLine() throws Exception {
    Path one = dir.resolve("shard1");
    Path two = dir.resolve("shard2");
    assertThat(run(one, "--shard", "1/2")).isZero();
    assertThat(run(two, "--shard", "2/2", "--seed", "7")).isEqualTo(0);
    assertThat(lab.execute("merge", one.toString(), two.toString(), "--out", dir + "/m"))
        .isEqualTo(2);

    Files.writeString(scenario, RedlockLabTest.SCENARIO.replace("work_ms: 10", "work_ms: 11"));
    assertThat(run(two, "--shard", "2/2")).isZero();
    assertThat(lab.execute("merge", one.toString(), two.toString(), "--out", dir + "/m"))
        .isEqualTo(2);
    assertThat(lab.execute("merge", one.toString(), "--out", dir + "/m")).isEqualTo(2);
    assertThat(lab.execute("merge", one.toString(), one.toString(), "--out", dir + "/m"))
        .isEqualTo(2);

    List<String> lines = err().lines().filter(l -> l.startsWith("redlock-lab:")).toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("different seeds");
    assertThat(lines.get(1)).contains("different suite versions");
    assertThat(lines.get(2)).contains("shard 2/2 is missing");
    assertThat(lines.get(3)).contains("shard 1/2 is given twice");
    assertThat(err()).doesNotContain("\tat ");
  }

  /** results.json without what differs between two runs of the same cells: times, command. */
  private static JsonNode normalized(Path file) throws Exception {
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(file.toFile());
    ObjectNode meta = (ObjectNode) json.get("metadata");
    meta.remove(List.of("command", "startedAt", "wallMillis"));
    return json;
  }

  private static String masked(Path report) throws Exception {
    return Files.readString(report)
        .replaceAll("scripts/lab run [^`\\n]*", "scripts/lab run …")
        .replaceAll("\\| started \\| [^|]*\\|", "| started | … |")
        .replaceAll("\\| wall time \\| [^|]*\\|", "| wall time | … |")
        .replaceAll("\\) in [0-9][^:]*: \\*\\*", ") in …: **");
  }
}
