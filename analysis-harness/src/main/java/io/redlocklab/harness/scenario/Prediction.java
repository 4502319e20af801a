package io.redlocklab.harness.scenario;

import io.redlocklab.harness.checker.Outcome;
import java.util.Objects;

/**
 * What the theory predicts for one mode of a scenario, decided before any run.
 *
 * @param outcome holds, violates or unavailable (never error)
 * @param reason one line: why
 * @param citation where the argument comes from
 */
public record Prediction(Outcome outcome, String reason, String citation) {

  public Prediction {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(citation, "citation");
    if (outcome == Outcome.ERROR) {
      throw new IllegalArgumentException("error is not a prediction");
    }
  }

  /** True when a measured outcome is the predicted one; an error never matches. */
  public boolean matches(Outcome measured) {
    return outcome == measured;
  }
}
