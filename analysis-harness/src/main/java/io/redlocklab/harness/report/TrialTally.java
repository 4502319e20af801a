package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.scenario.Prediction;
import io.redlocklab.harness.stats.Proportion;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The trials of one cell, merged. The worst verdict wins (violates, then unavailable, then error,
 * then holds, as Jepsen merges invalid over unknown over valid); every trial counts, errors too.
 * Rates are summed over the measured trials, each with its 95% Wilson interval ({@link
 * Proportion}).
 *
 * @param trials K, every trial including errors
 * @param outcomes how many trials measured each outcome
 * @param outcome the merged (worst) outcome
 * @param reproduced how many trials measured the merged outcome
 * @param weaklyReproduced a predicted violation seen in fewer than half of the trials
 * @param violations leases involved in a counted violation per lease granted
 * @param lostUpdates lost updates per acknowledged write; null when no trial checked them
 * @param staleWrites stale writes accepted per fenced write (accepted writes plus fencing
 *     rejections); null for unfenced modes
 * @param violatingTrials trials that measured violates, per trial
 */
public record TrialTally(
    int trials,
    Map<Outcome, Integer> outcomes,
    Outcome outcome,
    int reproduced,
    boolean weaklyReproduced,
    Proportion violations,
    Proportion lostUpdates,
    Proportion staleWrites,
    Proportion violatingTrials) {

  /** Worst first. */
  static final List<Outcome> SEVERITY =
      List.of(
          Outcome.VIOLATES,
          Outcome.UNAVAILABLE,
          Outcome.ERROR,
          Outcome.HOLDS,
          Outcome.NOT_APPLICABLE);

  public TrialTally {
    outcomes = java.util.Collections.unmodifiableMap(new EnumMap<>(outcomes));
  }

  /** The worst of the trials' outcomes. */
  static Outcome worst(List<CellResult> trials) {
    return trials.stream()
        .map(CellResult::outcome)
        .min(java.util.Comparator.comparingInt(SEVERITY::indexOf))
        .orElse(Outcome.ERROR);
  }

  static TrialTally of(List<CellResult> trials, Prediction prediction, boolean fenced) {
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    long violations = 0;
    long leases = 0;
    long lost = 0;
    long acknowledged = 0;
    boolean lostChecked = false;
    long stale = 0;
    long judged = 0;
    for (CellResult trial : trials) {
      outcomes.merge(trial.outcome(), 1, Integer::sum);
      Measurement m = trial.measurement();
      if (m == null) {
        continue;
      }
      leases += m.cycles();
      violations += Math.min(m.violations(), m.cycles());
      if (m.resource() == null) {
        continue; // a measurement without a resource check counts leases only
      }
      if (m.resource().lostUpdates() != null) {
        lostChecked = true;
        lost += m.resource().lostUpdates();
        acknowledged += m.resource().writesAccepted();
      }
      stale += m.resource().staleWritesAccepted();
      judged += m.resource().writesAccepted() + m.resource().fencedRejections();
    }
    Outcome outcome = worst(trials);
    int k = trials.size();
    int violating = outcomes.getOrDefault(Outcome.VIOLATES, 0);
    boolean weak =
        prediction != null
            && prediction.outcome() == Outcome.VIOLATES
            && violating > 0
            && 2 * violating < k;
    return new TrialTally(
        k,
        outcomes,
        outcome,
        outcomes.getOrDefault(outcome, 0),
        weak,
        new Proportion(violations, leases),
        lostChecked ? new Proportion(Math.min(lost, acknowledged), acknowledged) : null,
        fenced ? new Proportion(Math.min(stale, judged), judged) : null,
        new Proportion(violating, k));
  }

  /** Trials that could not run. */
  public int errors() {
    return outcomes.getOrDefault(Outcome.ERROR, 0);
  }

  /** e.g. {@code 7 violates, 2 holds, 1 error}, worst first. */
  public String outcomesText() {
    List<String> parts =
        SEVERITY.stream()
            .filter(outcomes::containsKey)
            .map(o -> outcomes.get(o) + " " + o.id())
            .toList();
    return String.join(", ", parts);
  }
}
