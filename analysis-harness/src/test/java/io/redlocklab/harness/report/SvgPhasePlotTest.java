package io.redlocklab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.scenario.Prediction;
import io.redlocklab.harness.scenario.SweepPoint;
import io.redlocklab.harness.stats.Proportion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The phase plot, parsed back as XML: every point, bar and the boundary where the numbers say. */
class SvgPhasePlotTest {

  static final double[] RATES = {1.0, 1.01, 1.05, 1.1};

  /** Per rate: redlock-5's violations and leases over two trials; fenced never violates. */
  static final long[][] REDLOCK = {{0, 10, 0, 12}, {0, 9, 0, 11}, {2, 10, 1, 10}, {8, 10, 7, 9}};

  static RunResults results() {
    List<ScenarioSummary> rows = new ArrayList<>();
    List<CellResult> cells = new ArrayList<>();
    for (int i = 0; i < RATES.length; i++) {
      String label = SweepPoint.format(RATES[i]);
      SweepPoint point =
          new SweepPoint("clock-rate", "faults[0].rate", RATES[i], label, 1.012, "spec step 3");
      Outcome predicted = RATES[i] > 1.012 ? Outcome.VIOLATES : Outcome.HOLDS;
      rows.add(
          new ScenarioSummary(
              point.rowName(),
              "clock rate [rate=" + label + "]",
              "",
              List.of(),
              "s.yaml",
              1,
              List.of("redlock-5", "redlock-5-fenced-quorum"),
              "",
              List.of(),
              Map.of(
                  "redlock-5", new Prediction(predicted, "r", "c"),
                  "redlock-5-fenced-quorum", new Prediction(Outcome.HOLDS, "r", "c")),
              null,
              false,
              point));
      for (int trial = 0; trial < 2; trial++) {
        cells.add(
            cell(point.rowName(), "redlock-5", REDLOCK[i][2 * trial], REDLOCK[i][2 * trial + 1])
                .withTrial(trial));
        cells.add(cell(point.rowName(), "redlock-5-fenced-quorum", 0, 10).withTrial(trial));
      }
    }
    cells.add(
        CellResult.failed(rows.get(0).name(), "redlock-5", 1, "server died", null, 1).withTrial(2));
    RunMetadata meta =
        new RunMetadata("cmd", "s.yaml", "2024-01-01T00:00:00Z", 1, null, "local", Map.of());
    return new RunResults(meta, rows, cells);
  }

  private static CellResult cell(String scenario, String mode, long violations, long leases) {
    Outcome outcome = violations > 0 ? Outcome.VIOLATES : Outcome.HOLDS;
    return CellResult.measured(
        scenario,
        mode,
        1,
        new Measurement(outcome, List.of(), leases, violations, null, null, null, 0, 0),
        null,
        1);
  }

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> byClass(Document doc, String tag, String css) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (e.getAttribute("class").equals(css)) {
        found.add(e);
      }
    }
    return found;
  }

  private static double num(Element e, String attribute) {
    return Double.parseDouble(e.getAttribute(attribute));
  }

  @Test
  void drawsEachRowsSummedRateWithItsWilsonBarAndTheBoundaryInPlace() throws Exception {
    List<SvgPhasePlot.Sweep> sweeps = SvgPhasePlot.sweeps(Matrix.of(results()));
    assertThat(sweeps).hasSize(1);
    assertThat(sweeps.get(0).unmeasured()).isEqualTo(1);
    Document doc = parse(SvgPhasePlot.render("clock-rate", sweeps.get(0)));

    Element svg = doc.getDocumentElement();
    Element frame = byClass(doc, "rect", "frame").get(0);
    double x0 = num(frame, "x");
    double w = num(frame, "width");
    double top = num(frame, "y");
    double h = num(frame, "height");
    double min = num(svg, "data-x-min");
    double max = num(svg, "data-x-max");
    assertThat(min).isLessThan(1.0);
    assertThat(max).isGreaterThan(1.1);

    List<Element> points = byClass(doc, "circle", "point");
    List<Element> bars = byClass(doc, "line", "bar");
    assertThat(points).hasSize(8);
    assertThat(bars).hasSize(8);
    for (int i = 0; i < RATES.length; i++) {
      Proportion summed =
          new Proportion(REDLOCK[i][0] + REDLOCK[i][2], REDLOCK[i][1] + REDLOCK[i][3]);
      double x = x0 + (RATES[i] - min) / (max - min) * w;
      Element p = points.get(i);
      assertThat(p.getAttribute("data-mode")).isEqualTo("redlock-5");
      assertThat(num(p, "data-value")).isEqualTo(RATES[i]);
      assertThat(num(p, "data-events")).isEqualTo(summed.events());
      assertThat(num(p, "data-trials")).isEqualTo(summed.trials());
      assertThat(num(p, "cx")).isCloseTo(x, within(0.01));
      assertThat(num(p, "cy")).isCloseTo(top + h - summed.rate() * h, within(0.01));
      Element bar = bars.get(i);
      assertThat(num(bar, "x1")).isCloseTo(x, within(0.01));
      assertThat(num(bar, "x2")).isCloseTo(x, within(0.01));
      assertThat(num(bar, "y1")).isCloseTo(top + h - summed.lower() * h, within(0.01));
      assertThat(num(bar, "y2")).isCloseTo(top + h - summed.upper() * h, within(0.01));
      assertThat(num(bar, "y2")).isLessThanOrEqualTo(num(p, "cy"));
      assertThat(num(bar, "y1")).isGreaterThanOrEqualTo(num(p, "cy"));
    }
    // The fenced line lies on zero with a bar up to the Wilson bound of 0 in 20.
    Element fenced = points.get(4);
    assertThat(fenced.getAttribute("data-mode")).isEqualTo("redlock-5-fenced-quorum");
    assertThat(num(fenced, "cy")).isCloseTo(top + h, within(0.01));
    assertThat(num(bars.get(4), "y2"))
        .isCloseTo(top + h - new Proportion(0, 20).upper() * h, within(0.01));

    List<Element> series = byClass(doc, "polyline", "series");
    assertThat(series)
        .extracting(e -> e.getAttribute("data-mode"))
        .containsExactly("redlock-5", "redlock-5-fenced-quorum");
    assertThat(series.get(0).getAttribute("points").split(" ")).hasSize(4);

    Element boundary = byClass(doc, "line", "boundary").get(0);
    double bx = x0 + (1.012 - min) / (max - min) * w;
    assertThat(num(boundary, "x1")).isCloseTo(bx, within(0.01));
    assertThat(num(boundary, "x2")).isCloseTo(bx, within(0.01));
    assertThat(num(boundary, "x1")).isBetween(num(points.get(1), "cx"), num(points.get(2), "cx"));
    assertThat(num(boundary, "y1")).isEqualTo(top);
    assertThat(num(boundary, "y2")).isEqualTo(top + h);
    assertThat(doc.getDocumentElement().getTextContent())
        .contains("predicted boundary 1.012", "boundary: 1.012 (spec step 3)");
  }

  @Test
  void aRowWithNoLeaseIsLeftOutAndALongCitationWraps() throws Exception {
    RunResults base = results();
    List<CellResult> cells = new ArrayList<>(base.cells());
    cells.replaceAll(
        c ->
            c.scenario().equals("clock-rate[rate=1.1]") && c.mode().equals("redlock-5")
                ? cell(c.scenario(), c.mode(), 0, 0).withTrial(c.trial())
                : c);
    SvgPhasePlot.Sweep sweep =
        SvgPhasePlot.sweeps(Matrix.of(new RunResults(base.metadata(), base.scenarios(), cells)))
            .get(0);
    assertThat(sweep.series().get(0).points())
        .extracting(SvgPhasePlot.Point::value)
        .containsExactly(1.0, 1.01, 1.05);
    // The failed cell of 1.0, and 1.1 of redlock-5, where no trial granted a lease.
    assertThat(sweep.unmeasured()).isEqualTo(2);

    assertThat(SvgPhasePlot.wrap("word ".repeat(100).trim()))
        .hasSizeGreaterThan(2)
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(150));
  }

  @Test
  void theSweepsSectionEmbedsThePlotAndSetsTheMeasuredBoundaryBesideThePredicted() {
    RunResults results = results();
    Matrix matrix = Matrix.of(results);
    StringBuilder text = new StringBuilder();
    SweepSection.render(text, SvgPhasePlot.sweeps(matrix).get(0), matrix, "report");
    String md = text.toString();
    assertThat(md)
        .contains(
            "### Sweep: clock-rate over `faults[0].rate`",
            "Predicted boundary: **rate = 1.012** (spec step 3)",
            "![phase plot of clock-rate](report/clock-rate.phase.svg)",
            "| [1.05](#clock-rate[rate=1.05]) | ✓ **violates** 3/20",
            "- redlock-5: measured holds at 1.01, violates at 1.05; predicted the change at 1.012",
            "- redlock-5-fenced-quorum: measured no change: holds at every measured value;"
                + " predicted holds at every value");
  }
}
