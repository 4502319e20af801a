package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.scenario.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measured against predicted, cell by cell. A cell's trials merge into one verdict ({@link
 * TrialTally}: the worst wins). A cell matches when that outcome equals its predicted one; a cell
 * that failed to run ({@code error}) or has no prediction never matches.
 */
public final class Matrix {

  /**
   * One (scenario, mode) cell with its prediction and its trials.
   *
   * @param result the trial shown: the first with the worst outcome
   * @param trials every trial, by trial index
   */
  public record Cell(
      ScenarioSummary scenario,
      String mode,
      Prediction prediction,
      CellResult result,
      List<CellResult> trials) {

    public Cell {
      trials = List.copyOf(trials);
    }

    /** A cell of one trial. */
    public Cell(ScenarioSummary scenario, String mode, Prediction prediction, CellResult result) {
      this(scenario, mode, prediction, result, List.of(result));
    }

    public boolean matches() {
      return prediction != null && prediction.matches(result.outcome());
    }

    /** The trials merged: counts, rates with intervals, how often the verdict reproduced. */
    public TrialTally tally() {
      return TrialTally.of(trials, prediction, ScenarioVerdict.fenced(mode));
    }

    /** e.g. {@code gc-pause-after-acquire × redlock-5: measured holds, predicted violates}. */
    public String describe() {
      return scenario.name()
          + " × "
          + mode
          + ": measured "
          + result.outcome()
          + ", predicted "
          + (prediction == null ? "nothing" : prediction.outcome())
          + (result.measurement() == null ? " (" + result.unmeasured() + ")" : "");
    }
  }

  private final List<ScenarioSummary> scenarios;
  private final List<Cell> cells;

  private Matrix(List<ScenarioSummary> scenarios, List<Cell> cells) {
    this.scenarios = scenarios;
    this.cells = cells;
  }

  public static Matrix of(RunResults results) {
    Map<String, ScenarioSummary> byName = new LinkedHashMap<>();
    results.scenarios().forEach(s -> byName.put(s.name(), s));
    Map<String, List<CellResult>> grouped = new LinkedHashMap<>();
    for (CellResult result : results.cells()) {
      grouped
          .computeIfAbsent(result.scenario() + "\u0000" + result.mode(), k -> new ArrayList<>())
          .add(result);
    }
    List<Cell> cells = new ArrayList<>();
    for (List<CellResult> trials : grouped.values()) {
      trials.sort(java.util.Comparator.comparingInt(CellResult::trial));
      Outcome worst = TrialTally.worst(trials);
      CellResult result =
          trials.stream().filter(t -> t.outcome() == worst).findFirst().orElseThrow();
      ScenarioSummary scenario = byName.get(result.scenario());
      if (scenario == null) {
        scenario =
            new ScenarioSummary(
                result.scenario(),
                result.scenario(),
                "",
                List.of(),
                "",
                result.seed(),
                List.of(result.mode()),
                "",
                List.of(),
                Map.of());
        byName.put(scenario.name(), scenario);
      }
      cells.add(
          new Cell(
              scenario, result.mode(), scenario.predictions().get(result.mode()), result, trials));
    }
    return new Matrix(List.copyOf(byName.values()), List.copyOf(cells));
  }

  public List<ScenarioSummary> scenarios() {
    return scenarios;
  }

  public List<Cell> cells() {
    return cells;
  }

  public List<Cell> cells(String scenario) {
    return cells.stream().filter(c -> c.scenario().name().equals(scenario)).toList();
  }

  public Optional<Cell> cell(String scenario, String mode) {
    return cells.stream()
        .filter(c -> c.scenario().name().equals(scenario) && c.mode().equals(mode))
        .findFirst();
  }

  /**
   * The scenario {@code scenario} is paired with: the one it names in {@code compare_with}, or one
   * that names it; empty when neither is in this run.
   */
  public Optional<ScenarioSummary> counterpart(ScenarioSummary scenario) {
    return scenarios.stream()
        .filter(
            other ->
                !other.name().equals(scenario.name())
                    && (other.name().equals(scenario.compareWith())
                        || scenario.name().equals(other.compareWith())))
        .findFirst();
  }

  /**
   * The counterpart's cell of the same mode when both were measured and their outcomes differ:
   * where, for example, a thread pause and a process pause of the same faults disagree.
   */
  public Optional<Cell> disagreement(Cell cell) {
    if (cell.result().measurement() == null) {
      return Optional.empty();
    }
    return counterpart(cell.scenario())
        .flatMap(other -> cell(other.name(), cell.mode()))
        .filter(other -> other.result().measurement() != null)
        .filter(other -> other.result().outcome() != cell.result().outcome());
  }

  /** The cells that differ from their prediction: each one is a finding. */
  public List<Cell> mismatches() {
    return cells.stream().filter(c -> !c.matches()).toList();
  }

  public long count(Outcome outcome) {
    return cells.stream().filter(c -> c.result().outcome() == outcome).count();
  }

  /** Columns of one {@link LockMode.Group}, in registry order; unknown ids form a last group. */
  public record ColumnGroup(String title, List<String> modes) {}

  /** Title of the group of mode ids the registry does not know. */
  public static final String OTHER_GROUP = "other";

  /** The columns: modes that appear, grouped by {@link LockMode.Group}, each in registry order. */
  public List<String> modes() {
    return groups().stream().flatMap(g -> g.modes().stream()).toList();
  }

  /** The column groups that have a mode in this run, in {@link LockMode.Group} order. */
  public List<ColumnGroup> groups() {
    List<String> used = cells.stream().map(Cell::mode).distinct().toList();
    List<ColumnGroup> groups = new ArrayList<>();
    for (LockMode.Group group : LockMode.Group.values()) {
      List<String> ids =
          LockModes.all().stream()
              .filter(m -> m.group() == group && used.contains(m.id()))
              .map(LockMode::id)
              .toList();
      if (!ids.isEmpty()) {
        groups.add(new ColumnGroup(group.title(), ids));
      }
    }
    List<String> unknown = used.stream().filter(id -> LockModes.find(id).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      groups.add(new ColumnGroup(OTHER_GROUP, unknown));
    }
    return groups;
  }

  /** The column heading of a mode id. */
  public static String title(String modeId) {
    return LockModes.find(modeId).map(LockMode::title).orElse(modeId);
  }
}
