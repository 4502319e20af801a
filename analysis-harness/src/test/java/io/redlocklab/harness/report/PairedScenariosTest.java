package io.redlocklab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.scenario.Prediction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread-pause scenario paired ({@code compare_with}) with its process-pause counterpart: the
 * report says, next to each cell, where the two disagree, and nowhere else.
 */
class PairedScenariosTest {

  @TempDir Path dir;

  private static final String R5 = "redlock-5";
  private static final String FQ = "redlock-5-fenced-quorum";

  private static ScenarioSummary summary(String name, String title, String pair, boolean procs) {
    Map<String, Prediction> predictions = new LinkedHashMap<>();
    predictions.put(R5, new Prediction(Outcome.HOLDS, "watchdog renews", "redis.io"));
    predictions.put(FQ, new Prediction(Outcome.HOLDS, "fencing", "Kleppmann 2016"));
    return new ScenarioSummary(
        name,
        title,
        "A pause.",
        List.of("Kleppmann 2016"),
        "scenarios/" + name + ".yaml",
        1,
        List.of(R5, FQ),
        "3 clients",
        List.of("a pause"),
        predictions,
        pair,
        procs,
        null);
  }

  private RunResults run(String threadPair, String processPair, boolean processCellsRan) {
    List<CellResult> cells =
        List.of(
            ReportFixture.cell(dir, "thread-pause", R5, false, false),
            ReportFixture.cell(dir, "thread-pause", FQ, false, true),
            processCellsRan
                ? ReportFixture.cell(dir, "process-pause", R5, true, false)
                : CellResult.failed("process-pause", R5, 1, "child JVM did not start", null, 10),
            ReportFixture.cell(dir, "process-pause", FQ, false, true));
    RunMetadata meta =
        new RunMetadata(
            "lab run", "s.suite.yaml", "2024-01-01T00:00:00Z", 1, null, "local", Map.of());
    return new RunResults(
        meta,
        List.of(
            summary("thread-pause", "23 · thread pause", threadPair, false),
            summary("process-pause", "24 · process pause", processPair, true)),
        cells);
  }

  private static String render(RunResults results) {
    return MarkdownReport.render(results, Matrix.of(results), Path.of("report"));
  }

  private static String row(String md, String scenarioAnchor, String mode) {
    String section = md.substring(md.indexOf("<a id=\"" + scenarioAnchor + "\"></a>"));
    int next = section.indexOf("<a id=", 1);
    section = next > 0 ? section.substring(0, next) : section;
    return section.lines().filter(l -> l.startsWith("| " + mode + " |")).findFirst().orElseThrow();
  }

  @Test
  void aDisagreementIsNotedNextToBothCellsAndInTheMatrix() {
    String md = render(run("process-pause", null, true));

    assertThat(row(md, "thread-pause", R5))
        .contains(
            "⇄ **Disagrees with [24 · process pause](#process-pause)**: holds here (clients as"
                + " threads), violates there (clients as JVM processes).");
    assertThat(row(md, "process-pause", R5))
        .contains(
            "⇄ **Disagrees with [23 · thread pause](#thread-pause)**: violates here (clients as"
                + " JVM processes), holds there (clients as threads).");
    assertThat(row(md, "thread-pause", FQ)).doesNotContain("Disagrees");
    assertThat(row(md, "process-pause", FQ)).doesNotContain("Disagrees");
    assertThat(md)
        .contains(
            "Paired with [24 · process pause](#process-pause) (clients as threads here, clients as"
                + " JVM processes there): they disagree in redlock-5 (of 2 mode(s) measured in"
                + " both).")
        .contains("<br>⇄ differs from [its pair](#process-pause): violates")
        .contains("<br>⇄ differs from [its pair](#thread-pause): holds");
  }

  @Test
  void agreementAndUnmeasuredCellsGetNoNote() {
    String md = render(run(null, "thread-pause", false));

    assertThat(md).doesNotContain("Disagrees").doesNotContain("differs from [its pair]");
    assertThat(md)
        .contains(
            "Paired with [24 · process pause](#process-pause) (clients as threads here, clients as"
                + " JVM processes there): they agree in all 1 mode(s) measured in both.");
  }

  @Test
  void withoutAPairThereIsNoPairLine() {
    String md = render(run(null, null, true));

    assertThat(md).doesNotContain("Paired with").doesNotContain("Disagrees");
  }

  @Test
  void thePairSurvivesTheResultsFile() {
    Path file = dir.resolve("results.json");
    ResultsFile.write(file, run("process-pause", null, true));

    RunResults back = ResultsFile.read(file);

    assertThat(back.scenarios().get(0).compareWith()).isEqualTo("process-pause");
    assertThat(back.scenarios().get(1).processClients()).isTrue();
    assertThat(render(back)).contains("Disagrees with [24 · process pause]");
  }
}
