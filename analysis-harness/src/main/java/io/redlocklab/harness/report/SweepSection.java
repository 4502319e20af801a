package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.scenario.SweepPoint;
import io.redlocklab.harness.stats.Proportion;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of a sweep in REPORT.md: the phase plot, the predicted boundary with its citation, a
 * table of the rows (measured outcome, violation rate and 95% interval per mode) and, per mode,
 * where the measured outcome changes, to set beside the predicted boundary.
 */
final class SweepSection {

  private SweepSection() {}

  static void render(StringBuilder md, SvgPhasePlot.Sweep sweep, Matrix matrix, String raw) {
    SweepPoint first = sweep.first();
    List<ScenarioSummary> rows =
        matrix.scenarios().stream()
            .filter(s -> s.sweep() != null && s.sweep().sweep().equals(first.sweep()))
            .sorted((a, b) -> Double.compare(a.sweep().value(), b.sweep().value()))
            .toList();
    List<String> modes = rows.get(0).modes();
    md.append("<a id=\"sweep-").append(first.sweep()).append("\"></a>\n");
    md.append("### Sweep: ")
        .append(first.sweep())
        .append(" over `")
        .append(first.parameter())
        .append("`\n\n");
    md.append("Predicted boundary: **")
        .append(first.key())
        .append(" = ")
        .append(SweepPoint.format(first.boundary()))
        .append("** (")
        .append(first.citation())
        .append("). Each value below is a row of cells; its sections follow.\n\n");
    md.append("![phase plot of ")
        .append(first.sweep())
        .append("](")
        .append(raw)
        .append('/')
        .append(SvgPhasePlot.fileName(first.sweep()))
        .append(")\n\n");
    md.append("| ").append(first.key()).append(" |");
    modes.forEach(m -> md.append(' ').append(m).append(" |"));
    md.append("\n|---|");
    modes.forEach(m -> md.append("---|"));
    md.append('\n');
    for (ScenarioSummary row : rows) {
      md.append("| [").append(row.sweep().label()).append("](#").append(row.name()).append(") |");
      for (String mode : modes) {
        md.append(' ').append(cell(matrix, row, mode)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
    for (String mode : modes) {
      md.append("- ")
          .append(mode)
          .append(": measured ")
          .append(measuredBoundary(matrix, rows, mode))
          .append("; predicted ")
          .append(predictedBoundary(rows, mode))
          .append('\n');
    }
    md.append('\n');
  }

  private static String cell(Matrix matrix, ScenarioSummary row, String mode) {
    List<Matrix.Cell> cells = cells(matrix, row, mode);
    if (cells.isEmpty()) {
      return "·";
    }
    TrialTally tally = tally(cells);
    Outcome outcome = tally.outcome();
    boolean matches =
        cells.get(0).prediction() != null && cells.get(0).prediction().matches(outcome);
    StringBuilder text =
        new StringBuilder(matches ? Format.MATCH : Format.MISMATCH)
            .append(" **")
            .append(outcome)
            .append("**");
    Proportion rate = tally.violations();
    if (rate != null && rate.trials() > 0) {
      text.append(' ')
          .append(rate.events())
          .append('/')
          .append(rate.trials())
          .append(" [")
          .append(Format.percent(rate.lower()))
          .append(", ")
          .append(Format.percent(rate.upper()))
          .append(']');
    }
    return text.toString();
  }

  /** The row's cells of {@code mode} (one per trial once a cell has several). */
  private static List<Matrix.Cell> cells(Matrix matrix, ScenarioSummary row, String mode) {
    return matrix.cells(row.name()).stream().filter(c -> c.mode().equals(mode)).toList();
  }

  /** Every trial of the row's cells merged: the worst outcome wins, as in Jepsen. */
  private static TrialTally tally(List<Matrix.Cell> cells) {
    List<CellResult> trials = cells.stream().flatMap(c -> c.trials().stream()).toList();
    return TrialTally.of(trials, cells.get(0).prediction(), false);
  }

  /** Where the measured outcome changes between holds and violates, along the swept values. */
  static String measuredBoundary(Matrix matrix, List<ScenarioSummary> rows, String mode) {
    List<String> changes = new ArrayList<>();
    ScenarioSummary last = null;
    Outcome lastOutcome = null;
    for (ScenarioSummary row : rows) {
      List<Matrix.Cell> cells = cells(matrix, row, mode);
      if (cells.isEmpty()) {
        continue;
      }
      Outcome o = tally(cells).outcome();
      if (o != Outcome.HOLDS && o != Outcome.VIOLATES) {
        continue;
      }
      if (lastOutcome != null && o != lastOutcome) {
        changes.add(
            lastOutcome + " at " + last.sweep().label() + ", " + o + " at " + row.sweep().label());
      }
      last = row;
      lastOutcome = o;
    }
    if (lastOutcome == null) {
      return "nothing (no row measured)";
    }
    if (changes.isEmpty()) {
      return "no change: " + lastOutcome + " at every measured value";
    }
    return (changes.size() > 1 ? "not monotonic: " : "") + String.join("; ", changes);
  }

  /** Where the predicted outcome changes, from the rows' derived predictions. */
  private static String predictedBoundary(List<ScenarioSummary> rows, String mode) {
    List<Outcome> predicted =
        rows.stream()
            .map(r -> r.predictions().get(mode))
            .map(p -> p == null ? null : p.outcome())
            .distinct()
            .toList();
    if (predicted.size() == 1) {
      return predicted.get(0) + " at every value";
    }
    return "the change at " + SweepPoint.format(rows.get(0).sweep().boundary());
  }
}
