package io.redlocklab.harness.runner;

import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the command line decided for one trial of a cell.
 *
 * @param seed replaces every scenario's base seed when not null ({@code --seed})
 * @param outDir where histories and results go
 * @param backend local or testcontainers
 * @param trial the trial index (0 for the first); its seed comes from {@link Trials#seed}
 */
public record RunOptions(Long seed, Path outDir, String backend, int trial) {

  public static final List<String> BACKENDS = List.of("local", "testcontainers");

  public RunOptions {
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(backend, "backend");
    if (trial < 0) {
      throw new IllegalArgumentException("trial " + trial);
    }
  }

  /** Trial 0. */
  public RunOptions(Long seed, Path outDir, String backend) {
    this(seed, outDir, backend, 0);
  }

  /** The same options for another trial. */
  public RunOptions withTrial(int index) {
    return new RunOptions(seed, outDir, backend, index);
  }

  /** The cell's base seed: {@code --seed} when given, else the scenario's. */
  public long baseSeedFor(Scenario scenario) {
    return seed != null ? seed : scenario.seed();
  }

  /** The seed this trial runs with: the base seed for trial 0, else {@link Trials#seed}. */
  public long seedFor(Scenario scenario) {
    return Trials.seed(baseSeedFor(scenario), trial);
  }

  /** {@code histories/<scenario>--<mode>--t<trial>.jsonl.gz}, relative to {@link #outDir}. */
  public String historyName(Scenario scenario, LockMode mode) {
    return "histories/" + scenario.name() + "--" + mode.id() + "--t" + trial + ".jsonl.gz";
  }

  /** Where this trial's history is written (gzipped). */
  public Path historyFile(Scenario scenario, LockMode mode) {
    return outDir.resolve(historyName(scenario, mode));
  }
}
