package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each option (mode) needs to be safe in one scenario, read from the measured cells only:
 * nothing, fencing, or a different system. How it is derived: scenarios/README.md, "What each
 * option needs".
 */
final class OptionNeeds {

  /** The three answers, in the order the summary lists them. */
  enum Need {
    NOTHING("safe as is"),
    FENCING("needs fencing"),
    DIFFERENT_SYSTEM("needs a different system"),
    UNKNOWN("needs at least fencing (no fenced counterpart ran here)");

    private final String words;

    Need(String words) {
      this.words = words;
    }

    String words() {
      return words;
    }
  }

  private OptionNeeds() {}

  /**
   * Each measured mode's need; modes that were not applicable or failed to run have none. A mode
   * that held or was merely unavailable needs nothing; a fenced mode that violated needs a
   * different system; an unfenced mode that violated needs fencing if one of its fenced
   * counterparts held, and a different system if all of them violated too.
   */
  static Map<String, Need> of(List<Matrix.Cell> cells) {
    Map<String, Need> needs = new LinkedHashMap<>();
    for (Matrix.Cell cell : cells) {
      Outcome outcome = cell.result().outcome();
      if (outcome == Outcome.HOLDS || outcome == Outcome.UNAVAILABLE) {
        needs.put(cell.mode(), Need.NOTHING);
      } else if (outcome == Outcome.VIOLATES) {
        needs.put(cell.mode(), violated(cell.mode(), cells));
      }
    }
    return needs;
  }

  /** One line for the summary, e.g. "safe as is: a, b; needs fencing: c (d held)". */
  static String line(List<Matrix.Cell> cells) {
    Map<String, Need> needs = of(cells);
    List<String> parts = new ArrayList<>();
    for (Need need : Need.values()) {
      List<String> modes =
          needs.entrySet().stream().filter(e -> e.getValue() == need).map(e -> e.getKey()).toList();
      if (!modes.isEmpty()) {
        parts.add(need.words() + ": " + String.join(", ", modes));
      }
    }
    return parts.isEmpty() ? "" : String.join("; ", parts) + ".";
  }

  private static Need violated(String mode, List<Matrix.Cell> cells) {
    if (ScenarioVerdict.fenced(mode)) {
      return Need.DIFFERENT_SYSTEM;
    }
    List<Matrix.Cell> counterparts = counterparts(mode, cells);
    if (counterparts.isEmpty()) {
      return Need.UNKNOWN;
    }
    boolean fencedHeld =
        counterparts.stream()
            .anyMatch(
                c ->
                    c.result().outcome() == Outcome.HOLDS
                        || c.result().outcome() == Outcome.UNAVAILABLE);
    return fencedHeld ? Need.FENCING : Need.DIFFERENT_SYSTEM;
  }

  /**
   * The measured fenced column of the same lock ({@code <mode>-fenced}, e.g. zookeeper-fenced for
   * zookeeper) when there is one; else the measured fenced modes of {@code mode}'s own group
   * (Redisson's RFencedLock for Redisson's locks); when its group ran none, those of any group.
   */
  private static List<Matrix.Cell> counterparts(String mode, List<Matrix.Cell> cells) {
    List<Matrix.Cell> fenced =
        cells.stream()
            .filter(c -> ScenarioVerdict.fenced(c.mode()))
            .filter(c -> c.result().measurement() != null)
            .toList();
    List<Matrix.Cell> own = fenced.stream().filter(c -> c.mode().equals(mode + "-fenced")).toList();
    if (!own.isEmpty()) {
      return own;
    }
    Optional<LockMode.Group> group = LockModes.find(mode).map(LockMode::group);
    List<Matrix.Cell> sameGroup =
        fenced.stream()
            .filter(c -> LockModes.find(c.mode()).map(LockMode::group).equals(group))
            .toList();
    return sameGroup.isEmpty() ? fenced : sameGroup;
  }
}
