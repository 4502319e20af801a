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
      CellResult r = cell.result();
      Measurement m = r.measurement();
      List<String> row =
          new ArrayList<>(
              List.of(
                  r.scenario(),
                  r.mode(),
                  cell.prediction() == null ? "" : cell.prediction().outcome().id(),
                  r.outcome().id(),
                  Boolean.toString(cell.matches())));
      if (m == null) {
        for (int i = 5; i < COLUMNS.size() - 4; i++) {
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
      csv.append(String.join(",", row.stream().map(CsvMatrix::escape).toList())).append('\n');
    }
    return csv.toString();
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
