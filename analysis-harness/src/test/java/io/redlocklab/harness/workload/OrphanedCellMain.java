package io.redlocklab.harness.workload;

import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.runner.LocalScenarioRunner;
import io.redlocklab.harness.runner.ProgressListener;
import io.redlocklab.harness.runner.RunOptions;
import io.redlocklab.harness.scenario.ScenarioLoader;
import java.nio.file.Path;

/**
 * Harness JVM for {@link ProcessClientsIT}: runs one cell of the scenario file {@code args[0]} in
 * mode {@code args[1]}, writing under {@code args[2]}, until the test SIGKILLs it.
 */
public final class OrphanedCellMain {

  public static void main(String[] args) throws Exception {
    new LocalScenarioRunner()
        .run(
            ScenarioLoader.loadScenario(Path.of(args[0])),
            LockModes.find(args[1]).orElseThrow(),
            new RunOptions(null, Path.of(args[2]), "local"),
            ProgressListener.NONE);
    Thread.sleep(60_000);
  }
}
