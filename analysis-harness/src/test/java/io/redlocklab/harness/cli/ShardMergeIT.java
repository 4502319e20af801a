package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redlocklab.harness.runner.LocalScenarioRunner;
import io.redlocklab.testkit.RedisNodesExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run of two tiny cells, once whole and once as shards 1/2 + 2/2 merged: the merged results
 * name the same cells, trials, seeds, outcomes, cycle counts and histories as the whole run (wall
 * and latency figures differ between any two real runs; TrialsAndShardsTest proves byte identity
 * with a deterministic runner).
 */
class ShardMergeIT {

  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private RedlockLab lab;

  @BeforeEach
  void setUp() {
    RedisNodesExtension.requireServers();
    lab =
        new RedlockLab(
            LocalScenarioRunner::new,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
  }

  @Test
  void twoShardsMergeToTheSameCellsAsOneRun() throws Exception {
    Path scenario = dir.resolve("tiny.yaml");
    Files.writeString(
        scenario,
        """
        name: tiny
        description: "two clients, no faults, a fixed number of cycles"
        source: "issue 14"
        modes: [single-instance, redlock-3]
        workload: {clients: 2, ttl_ms: 500, work_ms: 5, think_ms: 5, duration_ms: 3000, cycles: 5, seed: 3}
        faults: []
        predictions:
          single-instance: {outcome: holds, reason: "no faults", citation: "redis.io"}
          redlock-3: {outcome: holds, reason: "no faults", citation: "redis.io"}
        """);
    Path whole = dir.resolve("whole");
    Path merged = dir.resolve("merged");
    assertThat(run(scenario, whole)).isZero();
    assertThat(run(scenario, dir.resolve("s1"), "--shard", "1/2")).isZero();
    assertThat(run(scenario, dir.resolve("s2"), "--shard", "2/2")).isZero();
    assertThat(
            lab.execute(
                "merge",
                dir.resolve("s1").toString(),
                dir.resolve("s2").toString(),
                "--out",
                merged.toString()))
        .isZero();

    assertThat(cells(merged)).isEqualTo(cells(whole)).hasSize(2);
    assertThat(cells(dir.resolve("s1"))).hasSize(1);
    assertThat(headings(merged)).isEqualTo(headings(whole));
    assertThat(Files.readString(merged.resolve("REPORT.md"))).doesNotContain("--shard");
    assertThat(Files.readString(merged.resolve("junit.xml"))).contains("tests=\"2\"");
  }

  private int run(Path scenario, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("run", scenario.toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    return lab.execute(args.toArray(String[]::new));
  }

  /** What must not depend on how the run was split. */
  private static List<String> cells(Path out) throws Exception {
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    List<String> cells = new ArrayList<>();
    for (JsonNode c : results.get("cells")) {
      cells.add(
          String.join(
              " ",
              c.get("scenario").asText(),
              c.get("mode").asText(),
              "trial " + c.get("trial").asInt(),
              "seed " + c.get("seed").asLong(),
              c.get("measurement").get("outcome").asText(),
              "cycles " + c.get("measurement").get("cycles").asLong(),
              c.get("historyFile").asText()));
      assertThat(out.resolve(c.get("historyFile").asText())).exists();
    }
    return cells;
  }

  private static List<String> headings(Path out) throws Exception {
    return Files.readAllLines(out.resolve("REPORT.md")).stream()
        .filter(l -> l.startsWith("#"))
        .toList();
  }
}
