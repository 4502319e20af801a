package io.redlocklab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.runner.CellResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWriterTest {

  @TempDir Path dir;

  @Test
  void theMatrixComparesEachCellWithItsPrediction() {
    Matrix matrix = Matrix.of(ReportFixture.write(dir));

    assertThat(matrix.modes())
        .containsExactly("redlock-3", "redlock-5", "redlock-5-fenced-quorum", "single-instance");
    assertThat(matrix.cell("gc-pause", "redlock-5").orElseThrow().matches()).isTrue();
    assertThat(matrix.cell("gc-pause", "redlock-5-fenced-quorum").orElseThrow().matches()).isTrue();
    assertThat(matrix.mismatches())
        .extracting(Matrix.Cell::describe)
        .containsExactly(
            "no-faults × single-instance: measured violates, predicted holds",
            "no-faults × redlock-3: measured error, predicted holds (fault did not take effect:"
                + " probe)");
    assertThat(matrix.count(Outcome.ERROR)).isEqualTo(1);
  }

  @Test
  void theColumnsAreGroupedByTheRegistrysGroupsInTheirOrder() {
    Matrix matrix = Matrix.of(ReportFixture.write(dir));

    assertThat(matrix.groups())
        .containsExactly(
            new Matrix.ColumnGroup(
                "Redlock (this project)",
                List.of("redlock-3", "redlock-5", "redlock-5-fenced-quorum")),
            new Matrix.ColumnGroup("single Redis and Sentinel", List.of("single-instance")));
    String text = TextMatrix.render(matrix);
    String groupLine = text.lines().findFirst().orElseThrow();
    String header = text.lines().skip(1).findFirst().orElseThrow();
    assertThat(groupLine.indexOf("Redlock (this project)")).isEqualTo(header.indexOf("redlock-3"));
    assertThat(groupLine.indexOf("single Redis and Sentinel"))
        .isEqualTo(header.indexOf("single-instance"));
  }

  @Test
  void writesTheReportWithMatrixVerdictsTimelinesEnvironmentAndRawData() throws Exception {
    RunResults results = ReportFixture.write(dir.resolve("run"));
    Path reportFile = dir.resolve("REPORT.md");

    ReportWriter.write(reportFile, results, dir.resolve("run"));

    String md = Files.readString(reportFile);
    assertThat(md)
        .contains(
            "## Summary",
            "## Safety matrix",
            "## Cells that differ from their prediction",
            "## Scenarios",
            "## Environment and reproduction",
            "## Raw data");
    assertThat(md)
        .contains(
            "| | **Redlock (this project)** | | | **single Redis and Sentinel** |\n"
                + "|---|---|---|---|---|\n"
                + "| scenario | Redlock N=3 | Redlock N=5 | N=5 + quorum fencing | single instance"
                + " |");
    assertThat(md)
        .contains(
            "  - What each option needs to be safe here: safe as is: redlock-5-fenced-quorum;"
                + " needs fencing: redlock-5.");
    assertThat(md)
        .contains(
            "✓ **violates**<br>2/2", "✗ **violates** (pred. holds)", "✗ **error** (pred. holds)");
    assertThat(md).contains("**Is fencing required?** Yes: without fencing");
    assertThat(md).contains("![timeline of gc-pause](report/gc-pause.svg)");
    assertThat(md).contains("Nothing | injected.");
    assertThat(md).contains("```bash\nscripts/lab run scenarios/ci.suite.yaml\n```");
    assertThat(md).contains("| redis-server | 7.0.15 |");
    assertThat(md).contains("[history](report/histories/gc-pause--redlock-5.jsonl)");

    Path raw = dir.resolve("report");
    assertThat(raw.resolve("histories/gc-pause--redlock-5.jsonl")).exists();
    List<String> csv = Files.readAllLines(raw.resolve("results.csv"));
    assertThat(csv).hasSize(5);
    assertThat(csv.get(0))
        .startsWith("scenario,mode,trial,predicted,measured,match,cycles,violations,overlaps");
    assertThat(csv.get(1)).startsWith("gc-pause,redlock-5,0,violates,violates,true,2,2,1,");
    assertThat(csv.get(4))
        .startsWith("no-faults,redlock-3,0,holds,error,false,")
        .endsWith("fault did not take effect: probe");

    RunResults reread = ResultsFile.read(raw.resolve("results.json"));
    assertThat(reread.cells()).hasSize(4);
    assertThat(reread.cells().get(0).measurement()).isEqualTo(results.cells().get(0).measurement());
    assertThat(reread.cells().get(0).historyFile())
        .isEqualTo("histories/gc-pause--redlock-5.jsonl");
    assertThat(reread.scenarios().get(0).predictions().get("redlock-5").outcome())
        .isEqualTo(Outcome.VIOLATES);
  }

  @Test
  void historiesOfAnEarlierRunThatNoCellNamesAreRemoved() throws Exception {
    Path histories = Files.createDirectories(dir.resolve("report/histories"));
    Files.writeString(histories.resolve("old-scenario--redlock-5.jsonl"), "{}\n");
    Files.writeString(histories.resolve("notes.txt"), "kept: not a history");

    RunResults written =
        ReportWriter.write(
            dir.resolve("REPORT.md"), ReportFixture.write(dir.resolve("run")), dir.resolve("run"));

    assertThat(histories.resolve("old-scenario--redlock-5.jsonl")).doesNotExist();
    assertThat(histories.resolve("notes.txt")).exists();
    List<String> named =
        written.cells().stream()
            .map(CellResult::historyFile)
            .filter(java.util.Objects::nonNull)
            .toList();
    assertThat(named)
        .isNotEmpty()
        .allSatisfy(file -> assertThat(dir.resolve("report/" + file)).exists());
    try (var files = Files.list(histories)) {
      assertThat(files.filter(f -> !f.endsWith("notes.txt")).count()).isEqualTo(named.size());
    }
  }

  @Test
  void theReportCanBeRedrawnFromItsOwnRawData() throws Exception {
    ReportWriter.write(
        dir.resolve("REPORT.md"), ReportFixture.write(dir.resolve("run")), dir.resolve("run"));
    String first = Files.readString(dir.resolve("REPORT.md"));

    Path raw = dir.resolve("report");
    ReportWriter.write(
        dir.resolve("REPORT.md"), ResultsFile.read(raw.resolve("results.json")), raw);

    assertThat(Files.readString(dir.resolve("REPORT.md"))).isEqualTo(first);
  }

  @Test
  void eachScenarioGetsAnSvgTimelineWithLanesFaultsAndOverlaps() throws Exception {
    ReportWriter.write(
        dir.resolve("REPORT.md"), ReportFixture.write(dir.resolve("run")), dir.resolve("run"));

    Document svg = parse(Files.readString(dir.resolve("report/gc-pause.svg")));
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    List<String> classes = classesOf(svg.getElementsByTagName("rect"));
    assertThat(classes).contains("l", "o", "f");
    assertThat(text(svg))
        .contains("redlock-5", "redlock-5-fenced-quorum", "client-0", "client-1", "client-pause");

    Document quiet = parse(Files.readString(dir.resolve("report/no-faults.svg")));
    assertThat(text(quiet)).contains("no history");
  }

  @Test
  void theTimelineDrawsExactlyTheOverlapsAndLateWritesTheCheckerCounted() throws Exception {
    RunResults results = ReportFixture.write(dir.resolve("run"));
    ReportWriter.write(dir.resolve("REPORT.md"), results, dir.resolve("run"));
    long overlaps = 0;
    long lateAccepted = 0;
    for (CellResult cell : results.cells()) {
      if (cell.scenario().equals("gc-pause")) {
        overlaps += cell.measurement().leases().overlaps();
        lateAccepted += cell.measurement().leases().lateWritesAccepted();
      }
    }

    Document svg = parse(Files.readString(dir.resolve("report/gc-pause.svg")));
    // the legend shows one of each; an overlap is drawn on both clients' lanes
    assertThat(overlaps).isPositive();
    assertThat(lateAccepted).isPositive();
    assertThat(classesOf(svg.getElementsByTagName("rect")))
        .filteredOn("o"::equals)
        .hasSize((int) (1 + 2 * overlaps));
    assertThat(classesOf(svg.getElementsByTagName("line")))
        .filteredOn("w"::equals)
        .hasSize((int) (1 + lateAccepted));
  }

  @Test
  void junitXmlHasOneTestcasePerCellWithFailuresAndErrors() throws Exception {
    Matrix matrix = Matrix.of(ReportFixture.write(dir));
    Path file = dir.resolve("junit.xml");
    JUnitXml.write(file, matrix);

    Document xml = parse(Files.readString(file));
    Element root = xml.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("4");
    assertThat(root.getAttribute("failures")).isEqualTo("1");
    assertThat(root.getAttribute("errors")).isEqualTo("1");
    NodeList cases = xml.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(4);
    Element first = (Element) cases.item(0);
    assertThat(first.getAttribute("classname")).isEqualTo("redlock-lab.gc-pause");
    assertThat(first.getAttribute("name")).isEqualTo("redlock-5");
    Element failure = (Element) xml.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("no-faults × single-instance: measured violates, predicted holds");
    assertThat(xml.getElementsByTagName("error").getLength()).isEqualTo(1);
  }

  @Test
  void theTextMatrixShowsEveryCellAndTheCount() {
    String text = TextMatrix.render(Matrix.of(ReportFixture.write(dir)));
    assertThat(text).contains("gc-pause", "✓ violates", "✗ violates (predicted holds)", "·");
    assertThat(text).endsWith("4 cells, 2 as predicted, 2 differ\n");
  }

  @Test
  void csvFieldsWithCommasOrQuotesAreQuoted() {
    assertThat(CsvMatrix.escape("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvMatrix.escape("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
    assertThat(CsvMatrix.escape("plain")).isEqualTo("plain");
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> classesOf(NodeList nodes) {
    List<String> classes = new java.util.ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      classes.add(((Element) nodes.item(i)).getAttribute("class"));
    }
    return classes;
  }

  private static String text(Document document) {
    return document.getDocumentElement().getTextContent();
  }
}
