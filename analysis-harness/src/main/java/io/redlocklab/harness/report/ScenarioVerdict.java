package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain-language verdict of one scenario, from its measured cells: does the lock hold, and is
 * fencing required.
 */
final class ScenarioVerdict {

  private ScenarioVerdict() {}

  static List<String> of(List<Matrix.Cell> all) {
    List<Matrix.Cell> notApplicable =
        all.stream().filter(c -> c.result().notApplicable() != null).toList();
    List<Matrix.Cell> cells = all.stream().filter(c -> c.result().notApplicable() == null).toList();
    List<Matrix.Cell> unfenced = cells.stream().filter(c -> !fenced(c.mode())).toList();
    List<Matrix.Cell> fenced = cells.stream().filter(c -> fenced(c.mode())).toList();
    List<String> lines = new ArrayList<>();
    if (!notApplicable.isEmpty()) {
      lines.add(
          "**Not applicable** (not run, never a pass): "
              + String.join(
                  "; ",
                  notApplicable.stream()
                      .map(c -> c.mode() + ": " + c.result().notApplicable())
                      .toList())
              + ".");
    }
    lines.add("**Does the lock hold?** " + holds(unfenced));
    lines.add("**Is fencing required?** " + fencing(unfenced, fenced));
    List<Matrix.Cell> differ = all.stream().filter(c -> !c.matches()).toList();
    if (!differ.isEmpty()) {
      lines.add(
          "**Differs from the theory:** "
              + String.join(
                  "; ",
                  differ.stream()
                      .map(
                          c ->
                              c.mode()
                                  + " measured "
                                  + c.result().outcome()
                                  + ", predicted "
                                  + (c.prediction() == null ? "nothing" : c.prediction().outcome()))
                      .toList())
              + ". This is a finding, not noise: see the cell details below.");
    }
    return lines;
  }

  private static String holds(List<Matrix.Cell> unfenced) {
    if (unfenced.isEmpty()) {
      return "Only fenced modes ran here; the lease alone was not measured.";
    }
    List<String> held = modes(unfenced, Outcome.HOLDS);
    List<String> violated = modes(unfenced, Outcome.VIOLATES);
    List<String> unavailable = modes(unfenced, Outcome.UNAVAILABLE);
    List<String> errors = modes(unfenced, Outcome.ERROR);
    List<String> parts = new ArrayList<>();
    if (violated.isEmpty() && errors.isEmpty() && unavailable.isEmpty()) {
      return "Yes: no safety violation was measured without fencing ("
          + String.join(", ", held)
          + ").";
    }
    if (!violated.isEmpty()) {
      parts.add("No: mutual exclusion was violated in " + String.join(", ", violated));
    }
    if (!unavailable.isEmpty()) {
      parts.add(
          (violated.isEmpty() ? "Safely, but " : "")
              + "the lock was unavailable in "
              + String.join(", ", unavailable));
    }
    if (!held.isEmpty()) {
      parts.add("it held in " + String.join(", ", held));
    }
    if (!errors.isEmpty()) {
      parts.add("not measured (error) in " + String.join(", ", errors));
    }
    return String.join("; ", parts) + ".";
  }

  private static String fencing(List<Matrix.Cell> unfenced, List<Matrix.Cell> fenced) {
    boolean lockViolated =
        unfenced.stream().anyMatch(c -> c.result().outcome() == Outcome.VIOLATES);
    List<String> fencedSafe =
        fenced.stream()
            .filter(
                c ->
                    c.result().outcome() == Outcome.HOLDS
                        || c.result().outcome() == Outcome.UNAVAILABLE)
            .map(c -> c.mode() + " (" + fencedRejections(c) + " fenced rejections)")
            .toList();
    List<String> fencedViolated = modes(fenced, Outcome.VIOLATES);
    if (lockViolated) {
      if (fenced.isEmpty()) {
        return "Yes: the lease alone let two clients act at once, and no fenced mode was run here.";
      }
      if (fencedViolated.isEmpty()) {
        return "Yes: without fencing mutual exclusion was violated; with fencing the resource"
            + " stayed safe in "
            + String.join(", ", fencedSafe)
            + ".";
      }
      return "Yes, and not every token source is enough: "
          + String.join(", ", fencedViolated)
          + " violated too"
          + (fencedSafe.isEmpty() ? "." : "; safe: " + String.join(", ", fencedSafe) + ".");
    }
    if (!fencedViolated.isEmpty() && unfenced.isEmpty()) {
      return "Only fenced modes ran here, and "
          + String.join(", ", fencedViolated)
          + " violated: its fencing token went wrong"
          + (fencedSafe.isEmpty() ? "." : "; safe: " + String.join(", ", fencedSafe) + ".");
    }
    if (!fencedViolated.isEmpty()) {
      return "The lock alone held, but "
          + String.join(", ", fencedViolated)
          + " violated: its fencing token went wrong.";
    }
    if (unfenced.isEmpty()) {
      return fenced.isEmpty()
          ? "Nothing was measured."
          : "Fencing kept the resource safe in " + String.join(", ", fencedSafe) + ".";
    }
    return "Not in this scenario: no unsafe use of the resource was measured without it.";
  }

  private static long fencedRejections(Matrix.Cell cell) {
    return cell.result().measurement() == null
        ? 0
        : cell.result().measurement().resource().fencedRejections();
  }

  private static List<String> modes(List<Matrix.Cell> cells, Outcome outcome) {
    return cells.stream()
        .filter(c -> c.result().outcome() == outcome)
        .map(Matrix.Cell::mode)
        .toList();
  }

  static boolean fenced(String modeId) {
    return LockModes.find(modeId).map(LockMode::fenced).orElse(modeId.contains("fenced"));
  }
}
