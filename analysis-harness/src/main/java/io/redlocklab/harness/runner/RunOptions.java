package io.redlocklab.harness.runner;

import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the command line decided for every cell of a run.
 *
 * @param seed replaces every scenario's seed when not null ({@code --seed})
 * @param outDir where histories and results go
 * @param backend local or testcontainers
 */
public record RunOptions(Long seed, Path outDir, String backend) {

  public static final List<String> BACKENDS = List.of("local", "testcontainers");

  public RunOptions {
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(backend, "backend");
  }

  /** The seed the cell runs with: {@code --seed} when given, else the scenario's. */
  public long seedFor(Scenario scenario) {
    return seed != null ? seed : scenario.seed();
  }

  /** {@code histories/<scenario>--<mode>.jsonl}, relative to {@link #outDir}. */
  public static String historyName(Scenario scenario, LockMode mode) {
    return "histories/" + scenario.name() + "--" + mode.id() + ".jsonl";
  }

  /** Where the cell's history is written. */
  public Path historyFile(Scenario scenario, LockMode mode) {
    return outDir.resolve(historyName(scenario, mode));
  }
}
