package io.redlocklab.harness.scenario;

import java.util.Objects;

/**
 * One row of a sweep: the scenario it came from, the parameter swept, this row's value and the
 * boundary the theory predicts (scenarios/README.md, "Sweeps").
 *
 * @param sweep the name of the sweep (the scenario file's {@code name})
 * @param parameter the swept parameter, e.g. {@code faults[0].rate}
 * @param value this row's value
 * @param label the value as written in the file, e.g. {@code 1.02}
 * @param boundary the parameter value at which the theory predicts the outcome changes
 * @param citation where the boundary comes from
 */
public record SweepPoint(
    String sweep, String parameter, double value, String label, double boundary, String citation) {

  public SweepPoint {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(citation, "citation");
  }

  /** A number as short as it can be written, e.g. {@code 1.01}, {@code 2500}. */
  public static String format(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** The last segment of the parameter, e.g. {@code rate}. */
  public String key() {
    return parameter.substring(parameter.lastIndexOf('.') + 1);
  }

  /** The row's scenario name, e.g. {@code server-clock-rate[rate=1.02]}. */
  public String rowName() {
    return sweep + "[" + key() + "=" + label + "]";
  }
}
