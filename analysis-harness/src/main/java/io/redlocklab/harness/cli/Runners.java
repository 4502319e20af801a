package io.redlocklab.harness.cli;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.runner.ScenarioRunner;
import java.util.ServiceLoader;

/** Finds the real {@link ScenarioRunner} through {@link ServiceLoader}. */
final class Runners {

  private Runners() {}

  static ScenarioRunner load() {
    return ServiceLoader.load(ScenarioRunner.class)
        .findFirst()
        .orElseThrow(
            () ->
                new HarnessException(
                    "no ScenarioRunner on the class path (META-INF/services/"
                        + ScenarioRunner.class.getName()
                        + ")"));
  }
}
