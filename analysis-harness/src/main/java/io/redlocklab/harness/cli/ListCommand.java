package io.redlocklab.harness.cli;

import io.redlocklab.harness.Errors;
import io.redlocklab.harness.InputException;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import io.redlocklab.harness.scenario.Suite;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code list [dir]}: every scenario and suite file, validated; exit 2 when one is invalid. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List (and validate) the scenario and suite files of a directory.")
final class ListCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      defaultValue = "scenarios",
      description = "directory of *.yaml files (default: ${DEFAULT-VALUE})")
  Path dir;

  private final RedlockLab lab;

  ListCommand(RedlockLab lab) {
    this.lab = lab;
  }

  @Override
  public Integer call() {
    int invalid = 0;
    for (Path file : ScenarioLoader.list(dir)) {
      try {
        if (ScenarioLoader.isSuiteFile(file)) {
          Suite suite = ScenarioLoader.load(file);
          lab.out.printf(
              "%-40s suite %s: %d scenarios, %d cells%n",
              file.getFileName(), suite.name(), suite.entries().size(), suite.cells().size());
        } else {
          for (Scenario scenario : ScenarioLoader.loadScenarios(file)) {
            List<String> modes =
                scenario.modes().stream().map(m -> predicted(scenario, m)).toList();
            lab.out.printf(
                "%-40s %s: %s%n", file.getFileName(), scenario.name(), String.join(", ", modes));
          }
        }
      } catch (InputException e) {
        invalid++;
        lab.err.println("redlock-lab: " + Errors.oneLine(e));
      }
    }
    return invalid == 0 ? RedlockLab.OK : RedlockLab.BAD_INPUT;
  }

  private static String predicted(Scenario scenario, LockMode mode) {
    return mode.id() + "=" + scenario.prediction(mode).outcome();
  }
}
