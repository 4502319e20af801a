package io.redlocklab.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.InputException;
import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.mode.LockModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario with a {@code sweep:} loads as one row per value (scenarios/README.md, "Sweeps"). */
class SweepTest {

  /** Line numbers are 1-based below. */
  static final String SWEEP =
      """
      name: clock-rate
      description: fast server clocks
      source: redis.io
      modes: [redlock-5, redlock-5-fenced-quorum]
      workload:
        clients: 2
        ttl_ms: 1000
        work_ms: 900
        duration_ms: 3000
        seed: 7
      faults:
        - type: clock-drift
          nodes: all
          rate: 1.0
          at_ms: 100
          duration_ms: 2000
      sweep:
        parameter: faults[0].rate
        values: [1.0, 1.012, 1.05]
        boundary: 1.012
        citation: validity = TTL - elapsed - drift
      predictions:
        redlock-5:
          outcome: violates-above
          reason: keys expire inside the validity.
          citation: redis.io step 3
        redlock-5-fenced-quorum:
          outcome: holds
          reason: tokens
          citation: Kleppmann 2016
      """;

  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, text);
    return file;
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loadFails(String text) throws Exception {
    Path file = write(text);
    return assertThatThrownBy(() -> ScenarioLoader.load(file)).isInstanceOf(InputException.class);
  }

  private String at(int line) {
    return dir.resolve("s.yaml") + ":" + line + ": ";
  }

  @Test
  void expandsIntoOneRowPerValueWithTheValueInPlace() throws Exception {
    Suite suite = ScenarioLoader.load(write(SWEEP));

    assertThat(suite.name()).isEqualTo("clock-rate");
    List<Scenario> rows = suite.entries().stream().map(Suite.Entry::scenario).toList();
    assertThat(rows)
        .extracting(Scenario::name)
        .containsExactly("clock-rate[rate=1.0]", "clock-rate[rate=1.012]", "clock-rate[rate=1.05]");
    assertThat(rows.get(2).title()).isEqualTo("clock-rate [rate=1.05]");
    assertThat(rows)
        .extracting(s -> s.allFaults().get(0).params().get("rate"))
        .containsExactly(1.0, 1.012, 1.05);
    SweepPoint point = rows.get(1).sweep().orElseThrow();
    assertThat(point.sweep()).isEqualTo("clock-rate");
    assertThat(point.parameter()).isEqualTo("faults[0].rate");
    assertThat(point.value()).isEqualTo(1.012);
    assertThat(point.boundary()).isEqualTo(1.012);
    assertThat(suite.cells()).hasSize(6);
  }

  @Test
  void eachRowsPredictionComesFromTheBoundaryWhichItselfHolds() throws Exception {
    List<Scenario> rows = ScenarioLoader.loadScenarios(write(SWEEP));

    assertThat(rows)
        .extracting(s -> s.prediction(LockModes.REDLOCK_5).outcome())
        .containsExactly(Outcome.HOLDS, Outcome.HOLDS, Outcome.VIOLATES);
    assertThat(rows)
        .extracting(s -> s.prediction(LockModes.REDLOCK_5_FENCED_QUORUM).outcome())
        .containsOnly(Outcome.HOLDS);
    Prediction above = rows.get(2).prediction(LockModes.REDLOCK_5);
    assertThat(above.reason()).endsWith("rate=1.05 is above the boundary 1.012.");
    assertThat(above.citation())
        .isEqualTo("redis.io step 3; boundary: validity = TTL - elapsed - drift");
    assertThat(rows.get(1).prediction(LockModes.REDLOCK_5).reason()).contains("is at the boundary");

    List<Scenario> below =
        ScenarioLoader.loadScenarios(write(SWEEP.replace("violates-above", "violates-below")));
    assertThat(below)
        .extracting(s -> s.prediction(LockModes.REDLOCK_5).outcome())
        .containsExactly(Outcome.VIOLATES, Outcome.HOLDS, Outcome.HOLDS);
  }

  @Test
  void aWorkloadKeyCanBeSweptAndASuiteNarrowsEveryRow() throws Exception {
    write(
        SWEEP
            .replace("faults[0].rate", "workload.work_ms")
            .replace("[1.0, 1.012, 1.05]", "[100, 500]"));
    Path suite = dir.resolve("x.suite.yaml");
    Files.writeString(suite, "name: x\nscenarios:\n  - file: s.yaml\n    modes: [redlock-5]\n");

    Suite loaded = ScenarioLoader.load(suite);
    assertThat(loaded.cells())
        .extracting(c -> c.scenario().name() + " " + c.mode().id())
        .containsExactly("clock-rate[work_ms=100] redlock-5", "clock-rate[work_ms=500] redlock-5");
    assertThat(loaded.entries().get(1).scenario().workload(LockModes.REDLOCK_5).work().toMillis())
        .isEqualTo(500);
  }

  @Test
  void aParameterOutsideTheSyntaxOrNotInTheFileIsRejectedOnItsLine() throws Exception {
    String expected = "; expected workload.KEY or faults[INDEX].KEY, a key written in the file";
    loadFails(SWEEP.replace("faults[0].rate", "fault.rate"))
        .hasMessage(at(18) + "unknown sweep parameter 'fault.rate'" + expected);
    loadFails(SWEEP.replace("faults[0].rate", "faults[0].rat"))
        .hasMessage(
            at(18) + "sweep parameter 'faults[0].rat' names no key written in the file" + expected);
    loadFails(SWEEP.replace("faults[0].rate", "workload.think_ms"))
        .hasMessage(
            at(18)
                + "sweep parameter 'workload.think_ms' names no key written in the file"
                + expected);
    loadFails(SWEEP.replace("faults[0].rate", "faults[3].rate"))
        .hasMessage(
            at(18)
                + "sweep parameter 'faults[3].rate' names a fault the file does not have;"
                + " expected faults[0..0].KEY");
  }

  @Test
  void anEmptyListOrAValueOfTheWrongTypeIsRejectedOnItsLine() throws Exception {
    loadFails(SWEEP.replace("[1.0, 1.012, 1.05]", "[]"))
        .hasMessage(
            at(19) + "'values' is empty; expected a non-empty list of numbers, one row each");
    loadFails(SWEEP.replace("[1.0, 1.012, 1.05]", "[1.0, fast]"))
        .hasMessage(at(19) + "'values'[1] is the text 'fast'; expected a number");
    loadFails(SWEEP.replace("[1.0, 1.012, 1.05]", "[1.0, 1.0]"))
        .hasMessage(at(19) + "sweep value 1.0 is listed twice; expected each value once");
    // A number the parameter cannot take fails on the value's own line, with the key's rule.
    loadFails(
            SWEEP
                .replace("faults[0].rate", "workload.work_ms")
                .replace("[1.0, 1.012, 1.05]", "\n    - 100\n    - 2.5"))
        .hasMessage(at(21) + "'work_ms' is the number 2.5; expected a whole number in 0..600000");
    loadFails(SWEEP.replace("[1.0, 1.012, 1.05]", "[1.0, 5000]"))
        .hasMessageStartingWith(at(19) + "'rate' is 5000, out of range");
    loadFails(SWEEP.replace("[1.0, 1.012, 1.05]", "1.0"))
        .hasMessageStartingWith(at(19) + "'values' is the number 1.0; expected a list");
    loadFails(SWEEP.replace("  boundary: 1.012\n", ""))
        .hasMessageStartingWith(at(18) + "'sweep' has no 'boundary'");
  }

  @Test
  void sweepOutcomesNeedASweepAndASweepFileIsNotOneScenario() throws Exception {
    String plain =
        SWEEP.substring(0, SWEEP.indexOf("sweep:"))
            + SWEEP.substring(SWEEP.indexOf("predictions:"));
    loadFails(plain)
        .hasMessage(
            at(19)
                + "outcome 'violates-above' needs a 'sweep'; expected holds, violates, unavailable"
                + " or not-applicable");
    Path file = write(SWEEP);
    assertThatThrownBy(() -> ScenarioLoader.loadScenario(file))
        .isInstanceOf(InputException.class)
        .hasMessage(file + ": this file sweeps a parameter; expected a scenario without 'sweep'");
  }
}
