package io.redlocklab.harness.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.checker.CheckSettings;
import io.redlocklab.harness.checker.Checker;
import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.checker.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellResultTest {

  @Test
  void cellResultsCarryAMeasurementOrAnError() {
    Measurement m = Checker.check(List.of(), CheckSettings.defaults(false));
    assertThat(CellResult.measured("s", "m", 1, m, "h.jsonl", 5).outcome())
        .isEqualTo(Outcome.UNAVAILABLE);
    assertThat(CellResult.failed("s", "m", 1, "fault did not take effect", null, 5).outcome())
        .isEqualTo(Outcome.ERROR);
  }
}
