package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.AvailabilityReport;
import io.redlocklab.harness.checker.AvailabilityWindow;
import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.stats.Proportion;
import java.math.BigDecimal;
import java.math.MathContext;
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
    String measured = cell.result().outcome().id() + trialsShort(cell);
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

  /**
   * A rate with its 95% Wilson interval: {@code 0 in 4,812 leases: < 0.080% (95%)} or {@code 3 in
   * 4,812 leases: 0.062% [0.021%, 0.18%] (95%)}; {@code none} when nothing could happen.
   */
  static String rate(Proportion p, String unit) {
    if (p == null) {
      return "n/a";
    }
    String counts = String.format(Locale.ROOT, "%,d in %,d %s", p.events(), p.trials(), unit);
    if (p.trials() == 0) {
      return counts;
    }
    if (p.events() == 0) {
      return counts + ": < " + pct(p.upper()) + " (95%)";
    }
    return counts
        + ": "
        + pct(p.rate())
        + " ["
        + pct(p.lower())
        + ", "
        + pct(p.upper())
        + "] (95%)";
  }

  /** A percentage with two significant digits, e.g. 0.080%, 1.3%, 50%. */
  static String pct(double rate) {
    if (rate == 0) {
      return "0%";
    }
    return new BigDecimal(rate * 100).round(new MathContext(2)).toPlainString() + "%";
  }

  /**
   * How the trials of a cell went, e.g. {@code 10 trials: 7 violates, 3 holds; verdict in 7/10,
   * weakly reproduced}; empty for one trial.
   */
  static String trials(Matrix.Cell cell) {
    TrialTally t = cell.tally();
    if (t.trials() <= 1) {
      return "";
    }
    return t.trials()
        + " trials: "
        + t.outcomesText()
        + "; verdict in "
        + t.reproduced()
        + "/"
        + t.trials()
        + (t.weaklyReproduced() ? ", weakly reproduced" : "");
  }

  /** {@code " 7/10"} (trials that reproduced the verdict), {@code " 3/10 weak"}; empty for K=1. */
  static String trialsShort(Matrix.Cell cell) {
    if (cell.trials().size() <= 1) {
      return "";
    }
    TrialTally t = cell.tally();
    return " "
        + t.reproduced()
        + "/"
        + t.trials()
        + (t.weaklyReproduced() ? " weak" : "")
        + (t.errors() > 0 && t.outcome() != io.redlocklab.harness.checker.Outcome.ERROR
            ? " +" + t.errors() + " err"
            : "");
  }

  /** Every rate of a cell, joined by "; ". */
  static String rates(Matrix.Cell cell) {
    TrialTally t = cell.tally();
    StringBuilder text = new StringBuilder(rate(t.violations(), "leases"));
    if (t.lostUpdates() != null) {
      text.append("; lost ").append(rate(t.lostUpdates(), "acknowledged writes"));
    }
    if (t.staleWrites() != null) {
      text.append("; stale accepted ").append(rate(t.staleWrites(), "fenced writes"));
    }
    if (t.trials() > 1) {
      text.append("; violating ").append(rate(t.violatingTrials(), "trials"));
    }
    return text.toString();
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
