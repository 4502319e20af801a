package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.AvailabilityReport;
import io.redlocklab.harness.checker.AvailabilityWindow;
import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.runner.CellResult;
import java.util.Locale;

/** Number and cell formatting shared by the text, Markdown and CSV outputs. */
final class Format {

  static final String MATCH = "✓";
  static final String MISMATCH = "✗";

  private Format() {}

  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  static String millis(Double ms) {
    if (ms == null) {
      return "–";
    }
    if (ms.isInfinite()) {
      return "never";
    }
    return ms < 10
        ? String.format(Locale.ROOT, "%.1f", ms)
        : String.format(Locale.ROOT, "%.0f", ms);
  }

  static String lost(Long lost) {
    return lost == null ? "n/a" : Long.toString(lost);
  }

  static String mark(Matrix.Cell cell) {
    return cell.matches() ? MATCH : MISMATCH;
  }

  /** The outcome as the cell shows it: {@code ✓ holds} or {@code ✗ holds (predicted violates)}. */
  static String verdict(Matrix.Cell cell) {
    String measured = cell.result().outcome().id();
    if (cell.matches()) {
      return MATCH + " " + measured;
    }
    return MISMATCH
        + " "
        + measured
        + " (predicted "
        + (cell.prediction() == null ? "nothing" : cell.prediction().outcome().id())
        + ")";
  }

  /** The numbers of a cell on one line: violations/cycles, lost, fenced, availability, p50/p99. */
  /**
   * The acquire success rate the {@code unavailable} rule used: over the whole run, or over the
   * scenario's availability window, which is then named.
   */
  static String availability(AvailabilityReport a) {
    return a.window() == AvailabilityWindow.RUN
        ? percent(a.windowSuccessRate())
        : percent(a.windowSuccessRate()) + " in " + a.window().id();
  }

  static String numbers(CellResult result) {
    Measurement m = result.measurement();
    if (m == null) {
      return result.notApplicable() != null ? result.unmeasured() : "error: " + result.error();
    }
    AvailabilityReport a = m.availability();
    return m.violations()
        + "/"
        + m.cycles()
        + " viol · lost "
        + lost(m.resource().lostUpdates())
        + " · fenced "
        + m.resource().fencedRejections()
        + " · avail "
        + availability(a)
        + " · "
        + millis(a.acquireP50Millis())
        + "/"
        + millis(a.acquireP99Millis())
        + " ms";
  }

  /** Seconds from the cell's start, for examples. */
  static String at(long nanos, long startNanos) {
    return String.format(Locale.ROOT, "%.3f s", (nanos - startNanos) / 1e9);
  }

  static String shortValue(String leaseValue) {
    return leaseValue == null
        ? "?"
        : leaseValue.length() <= 8 ? leaseValue : leaseValue.substring(0, 8);
  }
}
