package io.redlocklab.harness.checker;

import static io.redlocklab.harness.checker.H.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityAndVerdictTest {

  private static CheckSettings settings(AvailabilityWindow window, double minRate) {
    return new CheckSettings(false, window, minRate, 5);
  }

  @Test
  void successRateAndLatencyPercentilesComeFromInvokeOkPairsPerClient() {
    H h = history();
    for (int i = 0; i < 100; i++) {
      long t = i * 100L;
      h.acquire(i % 2, t, t + 1 + i, "l" + i, null, t + 60).release(i % 2, t + 50, "l" + i);
    }
    h.acquireFail(0, 10_000, 10_500);

    AvailabilityReport a = Checker.check(h.records(), CheckSettings.defaults(false)).availability();
    assertThat(a.attempts()).isEqualTo(101);
    assertThat(a.granted()).isEqualTo(100);
    assertThat(a.refused()).isEqualTo(1);
    assertThat(a.successRate()).isCloseTo(100 / 101.0, within(1e-9));
    assertThat(a.acquireP50Millis()).isEqualTo(50.0);
    assertThat(a.acquireP99Millis()).isEqualTo(99.0);
    assertThat(a.usefulCycles()).isZero();
  }

  @Test
  void noGrantedLeaseBelowTheThresholdIsUnavailable() {
    H h = history().acquireFail(0, 0, 100).acquireFail(1, 0, 100).acquireFail(0, 100, 200);

    Measurement m = Checker.check(h.records(), settings(AvailabilityWindow.RUN, 0.01));
    assertThat(m.outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(m.reasons().get(0)).contains("0.0%").contains("below 1.0%");
  }

  @Test
  void theFaultWindowCountsOnlyAttemptsEndingWhileTheFaultIsVerifiedAndNotHealed() {
    H h =
        history()
            .acquire(0, 0, 1, "a", null, 1000)
            .release(0, 10, "a")
            .nemesis("partition", 100, 120, 1000)
            .acquire(1, 101, 110, "b", null, 1110)
            .release(1, 115, "b")
            .acquireFail(0, 200, 400)
            .acquireFail(1, 300, 500)
            .acquireFail(0, 500, 900)
            .acquire(0, 1000, 1005, "c", null, 2005)
            .release(0, 1010, "c");

    Measurement faults = Checker.check(h.records(), settings(AvailabilityWindow.FAULTS, 0.25));
    assertThat(faults.availability().windowAttempts()).isEqualTo(3);
    assertThat(faults.availability().windowSuccessRate()).isZero();
    assertThat(faults.outcome()).isEqualTo(Outcome.UNAVAILABLE);

    Measurement run = Checker.check(h.records(), settings(AvailabilityWindow.RUN, 0.25));
    assertThat(run.availability().successRate()).isCloseTo(3 / 6.0, within(1e-9));
    assertThat(run.outcome()).isEqualTo(Outcome.HOLDS);

    Measurement after =
        Checker.check(h.records(), settings(AvailabilityWindow.AFTER_FIRST_FAULT, 0.25));
    assertThat(after.availability().windowAttempts()).isEqualTo(5);
  }

  @Test
  void livenessAfterACrashIsTheTimeToTheNextLeaseOfAnotherClient() {
    H h =
        history()
            .acquire(0, 0, 10, "a", null, 1010)
            .killed(0, 20)
            .acquire(1, 30, 1030, "b", null, 2030)
            .tick(3000);
    CheckSettings bounded = new CheckSettings(false, AvailabilityWindow.RUN, 0.01, 5, 1500);

    Measurement m = Checker.check(h.records(), bounded);

    assertThat(m.availability().crashRecoveries()).hasSize(1);
    assertThat(m.availability().crashRecoveries().get(0).millis()).isEqualTo(1010.0);
    assertThat(m.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(m.reasons())
        .anyMatch(
            r ->
                r.contains("liveness: after the process-crash of client-0")
                    && r.contains("1010 ms"));
  }

  @Test
  void aCrashAfterWhichNoOtherClientGetsTheLockInTimeIsUnavailable() {
    H late = history().killed(0, 20).acquire(1, 30, 2000, "b", null, 3000).tick(3000);
    H never = history().killed(0, 20).acquireFail(1, 30, 2000).tick(3000);
    CheckSettings bounded = new CheckSettings(false, AvailabilityWindow.RUN, 0.0, 5, 1500);

    assertThat(Checker.check(late.records(), bounded).outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(Checker.check(never.records(), bounded).reasons())
        .contains("liveness: after the process-crash of client-0 no other client got the lock");
  }

  @Test
  void recoveryIsTheTimeFromEachHealToTheNextGrantedLease() {
    H h =
        history()
            .nemesis("partition", 100, 110, 1000)
            .acquireFail(0, 200, 900)
            .acquire(0, 950, 1040, "c", null, 2040)
            .nemesis("crash-node", 2000, 2001, 2500)
            .tick(3000);

    AvailabilityReport a = Checker.check(h.records(), CheckSettings.defaults(false)).availability();
    assertThat(a.recoveries()).hasSize(2);
    assertThat(a.recoveries().get(0).millis()).isEqualTo(40.0);
    assertThat(a.recoveries().get(1).millis()).isNull();
    assertThat(a.maxRecoveryMillis()).isInfinite();
  }

  @Test
  void aViolationWinsOverUnavailability() {
    H h = history().acquire(0, 0, 0, "a", null, 1000).acquire(1, 0, 50, "b", null, 1050);
    for (int i = 0; i < 300; i++) {
      h.acquireFail(2, 100 + i, 100 + i);
    }

    Measurement m = Checker.check(h.records(), settings(AvailabilityWindow.RUN, 0.5));
    assertThat(m.availability().successRate()).isLessThan(0.5);
    assertThat(m.outcome()).isEqualTo(Outcome.VIOLATES);
  }

  @Test
  void anEmptyHistoryIsUnavailableNotAnError() {
    Measurement m = Checker.check(List.of(), CheckSettings.defaults(false));
    assertThat(m.outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(m.cycles()).isZero();
  }

  @Test
  void recordsOutOfOrderAreCheckedByTime() {
    List<io.redlocklab.harness.history.HistoryRecord> records =
        new java.util.ArrayList<>(
            history()
                .acquire(0, 0, 0, "a", null, 1000)
                .release(0, 100, "a")
                .acquire(1, 0, 50, "b", null, 1050)
                .records());
    java.util.Collections.reverse(records);

    assertThat(Checker.check(records, CheckSettings.defaults(false)).leases().overlaps())
        .isEqualTo(1);
  }

  @Test
  void settingsRejectImpossibleValues() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new CheckSettings(false, AvailabilityWindow.RUN, 1.5, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anErrorIsNeverPredicted() {
    assertThat(Outcome.predictable("error")).isEmpty();
    assertThat(Outcome.predictable("holds")).contains(Outcome.HOLDS);
  }
}
