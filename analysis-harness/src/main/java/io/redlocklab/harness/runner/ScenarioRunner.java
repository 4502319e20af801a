package io.redlocklab.harness.runner;

import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.scenario.Scenario;
import java.util.Map;

/**
 * Runs one (scenario, mode) cell on real servers: cluster, workload, nemeses, history, check. The
 * CLI only calls this interface, so it can be tested with a fake. The real implementation is found
 * with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry naming a public class
 * with a no-argument constructor).
 */
public interface ScenarioRunner {

  /**
   * Checks everything that can be checked without starting anything (topology, faults against the
   * backend's capabilities) and throws a one-line {@link io.redlocklab.harness.InputException}.
   * Called for every cell before the first one runs.
   */
  default void check(Scenario scenario, LockMode mode, RunOptions options) {}

  /**
   * Runs the cell and returns what was measured. Writes the history to {@link
   * RunOptions#historyFile}; calls {@code progress} now and then (e.g. every second). A failure to
   * run the cell (a fault that did not take effect, a server that died) is returned as {@link
   * CellResult#failed}, not thrown; the suite goes on.
   */
  CellResult run(Scenario scenario, LockMode mode, RunOptions options, ProgressListener progress);

  /** Versions and settings worth reporting, e.g. {@code redis-server -> 7.0.15}. */
  default Map<String, String> environment() {
    return Map.of();
  }
}
