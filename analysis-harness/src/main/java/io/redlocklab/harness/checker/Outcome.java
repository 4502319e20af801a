package io.redlocklab.harness.checker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The outcome of one (scenario, mode) cell, predicted or measured. Precedence when measuring:
 * {@code violates} over {@code unavailable} over {@code holds}. {@code error} is never predicted:
 * the cell could not be measured (e.g. a fault did not take effect), so it never matches a
 * prediction.
 */
public enum Outcome {
  HOLDS("holds"),
  VIOLATES("violates"),
  UNAVAILABLE("unavailable"),
  /** A fault of the scenario cannot act on the mode's lock client; the cell is not run. */
  NOT_APPLICABLE("not-applicable"),
  ERROR("error");

  private final String id;

  Outcome(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  /** The outcome named {@code id}, including {@code error}. */
  @JsonCreator
  public static Outcome of(String id) {
    return Arrays.stream(values())
        .filter(o -> o.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown outcome '" + id + "'"));
  }

  /** An outcome a scenario may predict: holds, violates, unavailable or not-applicable. */
  public static Optional<Outcome> predictable(String id) {
    return Arrays.stream(values()).filter(o -> o != ERROR && o.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
