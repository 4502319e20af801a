package io.redlocklab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.scenario.Prediction;
import io.redlocklab.harness.stats.Proportion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialTallyTest {

  @TempDir Path dir;

  private static final Prediction VIOLATES = new Prediction(Outcome.VIOLATES, "r", "c");

  @Test
  void aZeroRateShowsItsUpperBoundAndOthersTheirInterval() {
    assertThat(Format.rate(new Proportion(0, 4812), "leases"))
        .isEqualTo("0 in 4,812 leases: < 0.080% (95%)");
    assertThat(Format.rate(new Proportion(3, 4812), "leases"))
        .isEqualTo("3 in 4,812 leases: 0.062% [0.021%, 0.18%] (95%)");
    assertThat(Format.rate(new Proportion(0, 0), "writes")).isEqualTo("0 in 0 writes");
    assertThat(Format.rate(null, "writes")).isEqualTo("n/a");
  }

  @Test
  void theWorstTrialWinsAndErrorsAreCounted() {
    CellResult error = CellResult.failed("s", "m", 1, "boom", null, 5).withTrial(1);
    List<CellResult> trials =
        List.of(ReportFixture.measured(dir, "s", "m", false).withTrial(0), error);
    TrialTally tally = TrialTally.of(trials, VIOLATES, false);
    assertThat(tally.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(tally.errors()).isEqualTo(1);
    assertThat(tally.trials()).isEqualTo(2);
    assertThat(tally.weaklyReproduced()).isFalse();
    assertThat(tally.outcomesText()).isEqualTo("1 error, 1 holds");
  }

  @Test
  void aPredictedViolationInFewerThanHalfOfTheTrialsIsWeak() {
    CellResult v = ReportFixture.measured(dir, "s", "m", true);
    CellResult h = ReportFixture.measured(dir, "s", "m", false);
    TrialTally weak = TrialTally.of(List.of(v, h.withTrial(1), h.withTrial(2)), VIOLATES, false);
    assertThat(weak.outcome()).isEqualTo(Outcome.VIOLATES);
    assertThat(weak.reproduced()).isEqualTo(1);
    assertThat(weak.weaklyReproduced()).isTrue();
    assertThat(weak.violatingTrials()).isEqualTo(new Proportion(1, 3));

    TrialTally half = TrialTally.of(List.of(v, h.withTrial(1)), VIOLATES, false);
    assertThat(half.weaklyReproduced()).isFalse();
  }
}
