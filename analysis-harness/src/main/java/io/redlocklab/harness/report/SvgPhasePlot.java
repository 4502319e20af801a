package io.redlocklab.harness.report;

import io.redlocklab.harness.scenario.SweepPoint;
import io.redlocklab.harness.stats.Proportion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One sweep's phase plot as SVG: per mode, the violation rate (leases involved in a counted
 * violation / leases granted, summed over the row's trials) against the swept parameter, with its
 * 95% Wilson interval as a bar, and the boundary the theory predicts as a vertical line labelled
 * with its citation. Rows that could not be measured are left out of the line and counted in the
 * caption.
 */
final class SvgPhasePlot {

  /** One row of one mode: the swept value and what was counted there. */
  record Point(double value, String label, Proportion rate) {}

  /** One mode's line. */
  record Series(String mode, List<Point> points) {}

  /**
   * One sweep: its rows' points per mode, and how many were not drawn: cells that could not run,
   * plus (row, mode) pairs whose trials granted no lease at all.
   */
  record Sweep(SweepPoint first, String title, List<Series> series, int unmeasured) {}

  static final int LEFT = 70;
  static final int TOP = 56;
  static final int WIDTH = 600;
  static final int HEIGHT = 280;
  private static final int RIGHT = 200;
  private static final int BOTTOM = 70;
  private static final int CAPTION_CHARS = 150;
  private static final String[] COLOURS = {
    "#4a7fb5", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"
  };

  private SvgPhasePlot() {}

  /** The sweeps among {@code matrix}'s scenarios, in order of their first row. */
  static List<Sweep> sweeps(Matrix matrix) {
    Map<String, List<ScenarioSummary>> rows = new LinkedHashMap<>();
    for (ScenarioSummary s : matrix.scenarios()) {
      if (s.sweep() != null) {
        rows.computeIfAbsent(s.sweep().sweep(), k -> new ArrayList<>()).add(s);
      }
    }
    List<Sweep> sweeps = new ArrayList<>();
    for (List<ScenarioSummary> summaries : rows.values()) {
      Map<String, List<Point>> byMode = new LinkedHashMap<>();
      int unmeasured = 0;
      for (ScenarioSummary row : summaries) {
        Map<String, Proportion> counts = new LinkedHashMap<>();
        for (Matrix.Cell cell : matrix.cells(row.name())) {
          unmeasured += (int) cell.trials().stream().filter(t -> t.measurement() == null).count();
          if (cell.trials().stream().anyMatch(t -> t.measurement() != null)) {
            counts.merge(cell.mode(), cell.tally().violations(), Proportion::plus);
          }
        }
        for (Map.Entry<String, Proportion> count : counts.entrySet()) {
          if (count.getValue().trials() == 0) {
            unmeasured++;
            continue;
          }
          byMode
              .computeIfAbsent(count.getKey(), k -> new ArrayList<>())
              .add(new Point(row.sweep().value(), row.sweep().label(), count.getValue()));
        }
      }
      List<Series> series = new ArrayList<>();
      byMode.forEach((mode, points) -> series.add(new Series(mode, points)));
      ScenarioSummary head = summaries.get(0);
      String title = head.title();
      int bracket = title.lastIndexOf(" [");
      sweeps.add(
          new Sweep(
              head.sweep(), bracket > 0 ? title.substring(0, bracket) : title, series, unmeasured));
    }
    return sweeps;
  }

  /** Where the plot of {@code sweep} goes in {@code report/}. */
  static String fileName(String sweep) {
    return sweep + ".phase.svg";
  }

  static String render(String title, Sweep sweep) {
    SweepPoint p = sweep.first();
    double min = p.boundary();
    double max = p.boundary();
    for (Series s : sweep.series()) {
      for (Point point : s.points()) {
        min = Math.min(min, point.value());
        max = Math.max(max, point.value());
      }
    }
    double pad = max > min ? (max - min) * 0.05 : Math.max(1, Math.abs(min) * 0.05);
    Axis x = new Axis(min - pad, max + pad);

    int width = LEFT + WIDTH + RIGHT;
    int height =
        TOP
            + HEIGHT
            + BOTTOM
            + 12
                * (wrap("boundary: " + SweepPoint.format(p.boundary()) + " (" + p.citation() + ")")
                        .size()
                    - 1);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" data-x-min=\"%s\" data-x-max=\"%s\">%n",
            width,
            height,
            width,
            height,
            num(x.min),
            num(x.max)));
    svg.append(
        "<style>text{font:11px sans-serif;fill:#222}.t{font-weight:bold;font-size:13px}"
            + ".a{stroke:#999;stroke-width:.5}.g{stroke:#eee;stroke-width:.5}"
            + ".boundary{stroke:#8a5a00;stroke-width:1.5;stroke-dasharray:5,3}"
            + ".n{font-size:9px;fill:#8a5a00}.c{font-size:9px;fill:#555}</style>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(8, 18, "t", null, title));
    svg.append(
        text(
            8,
            34,
            "c",
            null,
            "violation rate (leases in a counted violation / leases granted) against "
                + p.parameter()
                + "; bars: 95% Wilson interval"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\" stroke-width=\".5\"/>%n",
            LEFT,
            TOP,
            WIDTH,
            HEIGHT));
    yAxis(svg);
    xAxis(svg, x, sweep);

    double bx = x.at(p.boundary());
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"boundary\" data-value=\"%s\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\""
                + " y2=\"%d\"/>%n",
            num(p.boundary()),
            bx,
            TOP,
            bx,
            TOP + HEIGHT));
    svg.append(
        text(bx + 3, TOP + 10, "n", null, "predicted boundary " + SweepPoint.format(p.boundary())));
    List<String> caption =
        wrap("boundary: " + SweepPoint.format(p.boundary()) + " (" + p.citation() + ")");
    for (int i = 0; i < caption.size(); i++) {
      svg.append(text(8, TOP + HEIGHT + 46 + i * 12, "n", "citation", caption.get(i)));
    }
    if (sweep.unmeasured() > 0) {
      svg.append(
          text(
              8,
              TOP + HEIGHT + 48 + caption.size() * 12,
              "c",
              null,
              sweep.unmeasured()
                  + " cell(s) could not run or granted no lease; they are not drawn"));
    }

    for (int i = 0; i < sweep.series().size(); i++) {
      series(svg, sweep.series().get(i), COLOURS[i % COLOURS.length], x, i, p.key());
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void series(
      StringBuilder svg, Series s, String colour, Axis x, int index, String key) {
    String mode = Xml.escape(s.mode());
    List<Point> points = new ArrayList<>(s.points());
    points.sort((a, b) -> Double.compare(a.value(), b.value()));
    StringBuilder line = new StringBuilder();
    for (Point p : points) {
      line.append(line.length() == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "%.2f,%.2f", x.at(p.value()), y(p.rate().rate())));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<polyline class=\"series\" data-mode=\"%s\" points=\"%s\" fill=\"none\""
                + " stroke=\"%s\" stroke-width=\"1.5\"/>%n",
            mode,
            line,
            colour));
    for (Point p : points) {
      double px = x.at(p.value());
      double lo = y(p.rate().lower());
      double hi = y(p.rate().upper());
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"bar\" data-mode=\"%s\" data-value=\"%s\" x1=\"%.2f\" y1=\"%.2f\""
                  + " x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\"/>%n",
              mode,
              num(p.value()),
              px,
              lo,
              px,
              hi,
              colour));
      for (double cap : new double[] {lo, hi}) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\"/>%n",
                px - 3,
                cap,
                px + 3,
                cap,
                colour));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"point\" data-mode=\"%s\" data-value=\"%s\" data-events=\"%d\""
                  + " data-trials=\"%d\" cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"%s\">"
                  + "<title>%s %s=%s: %d/%d</title></circle>%n",
              mode,
              num(p.value()),
              p.rate().events(),
              p.rate().trials(),
              px,
              y(p.rate().rate()),
              colour,
              mode,
              Xml.escape(key),
              Xml.escape(p.label()),
              p.rate().events(),
              p.rate().trials()));
    }
    int ly = TOP + 12 + index * 16;
    int lx = LEFT + WIDTH + 14;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
            lx,
            ly - 4,
            lx + 18,
            ly - 4,
            colour));
    svg.append(text(lx + 24, ly, null, null, s.mode()));
  }

  private static void yAxis(StringBuilder svg) {
    for (int i = 0; i <= 4; i++) {
      double rate = i / 4.0;
      double py = y(rate);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"g\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"/>%n",
              LEFT,
              py,
              LEFT + WIDTH,
              py));
      svg.append(text(LEFT - 34, py + 4, null, null, (i * 25) + "%"));
    }
  }

  private static void xAxis(StringBuilder svg, Axis x, Sweep sweep) {
    Map<String, Double> ticks = new LinkedHashMap<>();
    for (Series s : sweep.series()) {
      for (Point p : s.points()) {
        ticks.putIfAbsent(p.label(), p.value());
      }
    }
    double lastLabel = Double.NEGATIVE_INFINITY;
    List<Map.Entry<String, Double>> sorted = new ArrayList<>(ticks.entrySet());
    sorted.sort(Map.Entry.comparingByValue());
    for (Map.Entry<String, Double> tick : sorted) {
      double px = x.at(tick.getValue());
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"a\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\"/>%n",
              px,
              TOP + HEIGHT,
              px,
              TOP + HEIGHT + 4));
      // A label too close to the previous one is left out; its tick (and point) stay.
      double half = 3 * tick.getKey().length();
      if (px - half >= lastLabel + 4) {
        svg.append(text(px - half, TOP + HEIGHT + 16, null, "tick", tick.getKey()));
        lastLabel = px + half;
      }
    }
    svg.append(
        text(LEFT + WIDTH / 2.0 - 40, TOP + HEIGHT + 32, null, null, sweep.first().parameter()));
  }

  /** The y of a rate in [0, 1]. */
  static double y(double rate) {
    return TOP + HEIGHT - rate * HEIGHT;
  }

  /** The x scale from the parameter's domain onto the plot's width. */
  record Axis(double min, double max) {
    double at(double value) {
      return LEFT + (value - min) / (max - min) * WIDTH;
    }
  }

  /** Splits a caption into lines of at most {@link #CAPTION_CHARS} characters, at spaces. */
  static List<String> wrap(String caption) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : caption.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > CAPTION_CHARS) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String num(double value) {
    return SweepPoint.format(value);
  }

  private static String text(double x, double y, String css, String dataClass, String content) {
    return String.format(
        Locale.ROOT,
        "<text%s x=\"%.1f\" y=\"%.1f\">%s</text>%n",
        (css == null ? "" : " class=\"" + css + "\"")
            + (dataClass == null ? "" : " data-role=\"" + dataClass + "\""),
        x,
        y,
        Xml.escape(content));
  }
}
