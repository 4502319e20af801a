package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.AvailabilityReport;
import io.redlocklab.harness.checker.LeaseReport;
import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.checker.ResourceReport;
import io.redlocklab.harness.runner.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The matrix as CSV, one row per cell, every number the checkers produced. */
final class CsvMatrix {

  static final List<String> COLUMNS =
      List.of(
          "scenario",
          "mode",
          "trial",
          "predicted",
          "measured",
          "match",
          "cycles",
          "violations",
          "overlaps",
          "unsafe_writes",
          "stale_writes_accepted",
          "lost_updates",
          "fenced_rejections",
          "fenced_while_valid",
          "late_writes",
          "acquire_attempts",
          "acquire_success_rate",
          "window",
          "window_success_rate",
          "useful_cycles",
          "acquire_p50_ms",
          "acquire_p99_ms",
          "max_recovery_ms",
          "seed",
          "wall_ms",
          "history",
          "error");

  private CsvMatrix() {}

  static String render(Matrix matrix) {
    StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (Matrix.Cell cell : matrix.cells()) {
      for (CellResult r : cell.trials()) {
        csv.append(row(cell, r));
      }
    }
    return csv.toString();
  }

  /** One trial's row; {@code match} compares that trial with the prediction. */
  private static String row(Matrix.Cell cell, CellResult r) {
    {
      Measurement m = r.measurement();
      List<String> row =
          new ArrayList<>(
              List.of(
                  r.scenario(),
                  r.mode(),
                  Integer.toString(r.trial()),
                  cell.prediction() == null ? "" : cell.prediction().outcome().id(),
                  r.outcome().id(),
                  Boolean.toString(
                      cell.prediction() != null && cell.prediction().matches(r.outcome()))));
      if (m == null) {
        for (int i = 6; i < COLUMNS.size() - 4; i++) {
          row.add("");
        }
      } else {
        LeaseReport l = m.leases();
        ResourceReport res = m.resource();
        AvailabilityReport a = m.availability();
        row.addAll(
            List.of(
                num(m.cycles()),
                num(m.violations()),
                num(l.overlaps()),
                num(l.unsafeWrites()),
                num(res.staleWritesAccepted()),
                res.lostUpdates() == null ? "" : num(res.lostUpdates()),
                num(res.fencedRejections()),
                num(res.fencedWhileValid()),
                num(l.lateWrites()),
                num(a.attempts()),
                rate(a.successRate()),
                a.window().id(),
                rate(a.windowSuccessRate()),
                num(a.usefulCycles()),
                ms(a.acquireP50Millis()),
                ms(a.acquireP99Millis()),
                ms(a.maxRecoveryMillis())));
      }
      row.addAll(
          List.of(
              num(r.seed()),
              num(r.wallMillis()),
              r.historyFile() == null ? "" : r.historyFile(),
              r.measurement() == null ? r.unmeasured() : ""));
      return String.join(",", row.stream().map(CsvMatrix::escape).toList()) + "\n";
    }
  }

  static final List<String> CELL_COLUMNS =
      List.of(
          "scenario",
          "mode",
          "predicted",
          "measured",
          "match",
          "trials",
          "reproduced",
          "weakly_reproduced",
          "errors",
          "outcomes",
          "violations",
          "leases",
          "violation_rate",
          "violation_lower95",
          "violation_upper95",
          "lost_updates",
          "acknowledged_writes",
          "lost_upper95",
          "stale_writes_accepted",
          "fenced_writes",
          "stale_upper95",
          "violating_trials",
          "violating_trials_upper95");

  /** {@code cells.csv}: one row per cell, its trials merged, each rate with its 95% interval. */
  static String renderCells(Matrix matrix) {
    StringBuilder csv = new StringBuilder(String.join(",", CELL_COLUMNS)).append('\n');
    for (Matrix.Cell cell : matrix.cells()) {
      TrialTally t = cell.tally();
      List<String> row =
          new ArrayList<>(
              List.of(
                  cell.scenario().name(),
                  cell.mode(),
                  cell.prediction() == null ? "" : cell.prediction().outcome().id(),
                  t.outcome().id(),
                  Boolean.toString(cell.matches()),
                  num(t.trials()),
                  num(t.reproduced()),
                  Boolean.toString(t.weaklyReproduced()),
                  num(t.errors()),
                  t.outcomesText()));
      row.addAll(
          List.of(
              num(t.violations().events()),
              num(t.violations().trials()),
              share(t.violations().rate()),
              share(t.violations().lower()),
              share(t.violations().upper())));
      row.addAll(
          t.lostUpdates() == null
              ? List.of("", "", "")
              : List.of(
                  num(t.lostUpdates().events()),
                  num(t.lostUpdates().trials()),
                  share(t.lostUpdates().upper())));
      row.addAll(
          t.staleWrites() == null
              ? List.of("", "", "")
              : List.of(
                  num(t.staleWrites().events()),
                  num(t.staleWrites().trials()),
                  share(t.staleWrites().upper())));
      row.add(num(t.violatingTrials().events()));
      row.add(share(t.violatingTrials().upper()));
      csv.append(String.join(",", row.stream().map(CsvMatrix::escape).toList())).append('\n');
    }
    return csv.toString();
  }

  private static String share(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
  }

  private static String num(long value) {
    return Long.toString(value);
  }

  private static String rate(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String ms(Double value) {
    if (value == null) {
      return "";
    }
    return value.isInfinite() ? "inf" : String.format(Locale.ROOT, "%.3f", value);
  }

  static String escape(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }
}
