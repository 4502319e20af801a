package io.redlocklab.harness.report;

import io.redlocklab.harness.runner.CellResult;
import java.util.List;

/** Everything a run produced: its metadata, the scenarios as run, and one result per cell. */
public record RunResults(
    RunMetadata metadata, List<ScenarioSummary> scenarios, List<CellResult> cells) {

  public RunResults {
    scenarios = List.copyOf(scenarios);
    cells = List.copyOf(cells);
  }
}
