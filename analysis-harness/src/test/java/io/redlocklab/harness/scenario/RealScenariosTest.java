package io.redlocklab.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.cluster.LocalProcessBackend;
import io.redlocklab.harness.cluster.Topology;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.nemesis.NemesisFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The committed scenarios/ directory: every file loads, and the suites fit their time budgets. */
class RealScenariosTest {

  static final Path DIR = Path.of("..", "scenarios");

  @Test
  void everyScenarioFileLoads() {
    List<Path> files =
        ScenarioLoader.list(DIR).stream().filter(f -> !ScenarioLoader.isSuiteFile(f)).toList();
    assertThat(files).hasSizeGreaterThanOrEqualTo(16);
    Set<String> names = new HashSet<>();
    for (Path file : files) {
      for (Scenario scenario : ScenarioLoader.loadScenarios(file)) {
        assertThat(names.add(scenario.name())).as("unique name %s", scenario.name()).isTrue();
        for (LockMode mode : scenario.modes()) {
          assertThat(scenario.prediction(mode).citation()).isNotBlank();
        }
      }
    }
  }

  @Test
  void theFullSuiteRunsEveryScenarioWithinFortyFiveMinutesAtOneTrial() {
    Suite full = ScenarioLoader.load(DIR.resolve("full.suite.yaml"));
    long scenarioFiles =
        ScenarioLoader.list(DIR).stream().filter(f -> !ScenarioLoader.isSuiteFile(f)).count();
    assertThat(full.entries().stream().map(e -> e.scenario().file()).distinct())
        .hasSize((int) scenarioFiles);
    assertThat(budgetSeconds(full)).isLessThan(45 * 60);
  }

  @Test
  void theCiSuiteFitsInTenMinutesAndCoversEveryOutcome() {
    Suite ci = ScenarioLoader.load(DIR.resolve("ci.suite.yaml"));
    assertThat(ci.cells()).allSatisfy(c -> assertThat(c.trials()).isEqualTo(1));
    assertThat(budgetSeconds(ci)).isLessThan(10 * 60);
    Set<Outcome> predicted = new HashSet<>();
    ci.cells().forEach(c -> predicted.add(c.scenario().prediction(c.mode()).outcome()));
    assertThat(predicted)
        .containsExactlyInAnyOrder(Outcome.HOLDS, Outcome.VIOLATES, Outcome.UNAVAILABLE);
  }

  /** The four sweeps of issue 14, in the full suite only, each boundary inside its values. */
  @Test
  void theSweepsAreInTheFullSuiteOnlyWithTheirBoundaryInsideTheRange() {
    Suite full = ScenarioLoader.load(DIR.resolve("full.suite.yaml"));
    Set<String> sweeps = new HashSet<>();
    for (Suite.Entry entry : full.entries()) {
      entry
          .scenario()
          .sweep()
          .ifPresent(
              p -> {
                sweeps.add(p.sweep());
                List<Double> values =
                    full.entries().stream()
                        .flatMap(e -> e.scenario().sweep().stream())
                        .filter(q -> q.sweep().equals(p.sweep()))
                        .map(SweepPoint::value)
                        .toList();
                assertThat(p.boundary())
                    .isBetween(
                        values.stream().min(Double::compare).orElseThrow(),
                        values.stream().max(Double::compare).orElseThrow());
              });
    }
    assertThat(sweeps)
        .containsExactlyInAnyOrder(
            "sweep-server-clock-rate",
            "sweep-client-pause",
            "sweep-crash-restart-delay",
            "sweep-clock-jump");
    assertThat(ScenarioLoader.load(DIR.resolve("ci.suite.yaml")).entries())
        .allSatisfy(e -> assertThat(e.scenario().sweep()).isEmpty());
  }

  /** The runner asks the nemesis factory before anything starts: the local backend runs it all. */
  @Test
  void theLocalBackendCanRunEveryCellOfTheFullSuite() {
    for (Suite.Cell cell : ScenarioLoader.load(DIR.resolve("full.suite.yaml")).cells()) {
      Scenario s = cell.scenario();
      LockMode mode = cell.mode();
      Topology topology =
          Topology.builder()
              .server(mode.server())
              .masters(mode.nodes())
              .replicas(s.replicas(mode))
              .clients(s.workload(mode).clients())
              .persistence(s.topology().persistence())
              .serverClocks(s.needsServerClocks(mode))
              .build();
      new NemesisFactory(
              topology,
              new LocalProcessBackend().capabilities(),
              s.workload(mode).duration().toMillis())
          .validate(s.faults(mode));
    }
  }

  /**
   * Workload time plus a generous 4 s per cell for starting and stopping servers; a cell that is
   * not applicable never starts.
   */
  private static long budgetSeconds(Suite suite) {
    long millis = 0;
    for (Suite.Cell cell : suite.cells()) {
      if (cell.scenario().notApplicable(cell.mode()).isPresent()) {
        continue;
      }
      millis +=
          cell.trials() * (cell.scenario().workload(cell.mode()).duration().toMillis() + 4_000);
    }
    return millis / 1000;
  }
}
