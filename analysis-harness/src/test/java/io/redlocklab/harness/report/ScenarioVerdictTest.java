package io.redlocklab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.AvailabilityReport;
import io.redlocklab.harness.checker.AvailabilityWindow;
import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.scenario.Prediction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioVerdictTest {

  @TempDir Path dir;

  @Test
  void onlyFencedModesNeverClaimTheLockAloneHeld() {
    RunResults run = ReportFixture.write(dir);
    CellResult violated = run.cells().get(0); // gc-pause × redlock-5: measured violates
    Matrix.Cell fencedSingle =
        new Matrix.Cell(
            run.scenarios().get(0),
            "redlock-5-fenced-single",
            new Prediction(Outcome.VIOLATES, "counter reset", "Kleppmann 2016"),
            violated);

    List<String> verdict = ScenarioVerdict.of(List.of(fencedSingle));

    assertThat(String.join("\n", verdict))
        .contains("Only fenced modes ran here, and redlock-5-fenced-single violated")
        .doesNotContain("The lock alone held");
  }

  @Test
  void theAvailabilityShownIsTheRateTheVerdictUsed() {
    AvailabilityReport faults =
        new AvailabilityReport(
            100,
            90,
            10,
            0,
            0.9,
            AvailabilityWindow.FAULTS,
            10,
            0.0,
            80,
            1.0,
            2.0,
            List.of(),
            List.of());
    AvailabilityReport run =
        new AvailabilityReport(
            100,
            90,
            10,
            0,
            0.9,
            AvailabilityWindow.RUN,
            100,
            0.9,
            80,
            1.0,
            2.0,
            List.of(),
            List.of());

    assertThat(Format.availability(faults)).isEqualTo(Format.percent(0.0) + " in faults");
    assertThat(Format.availability(run)).isEqualTo(Format.percent(0.9));
  }
}
