package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep through the command line: its rows run as cells, and bad sweeps stop before any. */
class SweepCommandTest {

  static final String SWEEP =
      """
      name: pause-sweep
      description: a pause
      source: Kleppmann 2016
      modes: [redlock-5, redlock-5-fenced-quorum]
      workload: {clients: 2, ttl_ms: 1000, work_ms: 10, duration_ms: 2000, seed: 9}
      sweep:
        parameter: workload.work_ms
        values: [10, 500, 900]
        boundary: 400
        citation: K16 figure
      predictions:
        redlock-5: {outcome: violates-above, reason: pause, citation: K16}
        redlock-5-fenced-quorum: {outcome: holds, reason: fencing, citation: K16}
      """;

  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private RedlockLabTest.FakeRunner runner;
  private RedlockLab lab;

  @BeforeEach
  void setUp() {
    runner = new RedlockLabTest.FakeRunner(Set.of("redlock-5"));
    lab =
        new RedlockLab(
            () -> runner,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
  }

  private int run(String text) throws Exception {
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, text);
    return lab.execute("run", file.toString(), "--out", dir.resolve("out").toString());
  }

  @Test
  void eachValueRunsAsARowAndTheReportDrawsThePlotAndRedrawsItFromResults() throws Exception {
    // The fake runner makes redlock-5 violate at every value: the row below the boundary differs.
    assertThat(run(SWEEP)).isEqualTo(1);

    assertThat(runner.ran).hasSize(6);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "differs: pause-sweep[work_ms=10] × redlock-5: measured violates, predicted holds");
    Path out = dir.resolve("out");
    Path plot = out.resolve("report/pause-sweep.phase.svg");
    assertThat(plot).exists();
    assertThat(Files.readString(plot)).contains("class=\"boundary\" data-value=\"400\"");
    String report = Files.readString(out.resolve("REPORT.md"));
    assertThat(report)
        .contains(
            "### Sweep: pause-sweep over `workload.work_ms`",
            "![phase plot of pause-sweep](report/pause-sweep.phase.svg)",
            "- redlock-5: measured no change: violates at every measured value; predicted the"
                + " change at 400",
            "<a id=\"pause-sweep[work_ms=500]\"></a>");

    // results.json keeps the sweep, so `report` redraws the same section.
    Files.delete(out.resolve("REPORT.md"));
    Files.delete(plot);
    assertThat(lab.execute("report", out.toString())).isEqualTo(1);
    assertThat(Files.readString(out.resolve("REPORT.md"))).isEqualTo(report);
    assertThat(plot).exists();
  }

  @Test
  void aBadSweepExitsTwoWithOneLineBeforeAnythingStarts() throws Exception {
    String[][] bad = {
      {
        "workload.work_ms",
        "workload.pause_ms",
        "7: sweep parameter 'workload.pause_ms' names no key"
      },
      {"[10, 500, 900]", "[]", "8: 'values' is empty; expected a non-empty list"},
      {"[10, 500, 900]", "[10, 0.5]", "8: 'work_ms' is the number 0.5; expected a whole number"},
    };
    for (String[] c : bad) {
      err.reset();
      assertThat(run(SWEEP.replace(c[0], c[1]))).as(c[1]).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
          .singleElement()
          .asString()
          .startsWith("redlock-lab: " + dir.resolve("sweep.yaml") + ":" + c[2]);
    }
    assertThat(runner.checked).isZero();
    assertThat(runner.ran).isEmpty();
  }
}
