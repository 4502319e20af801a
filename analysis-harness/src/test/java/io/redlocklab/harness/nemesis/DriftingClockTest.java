package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DriftingClockTest {

  private final FakeClock base = new FakeClock();
  private final DriftingClock clock = new DriftingClock(base);

  @Test
  void runsWithItsBaseAtRateOne() {
    long start = clock.nanoTime();
    base.advanceMillis(100);

    assertThat(clock.nanoTime() - start).isEqualTo(100_000_000L);
    assertThat(clock.rate()).isEqualTo(1.0);
  }

  @Test
  void runsRTimesAsFastAfterARateChange() {
    long start = clock.nanoTime();
    clock.setRate(2.5);
    base.advanceMillis(100);

    assertThat(clock.nanoTime() - start).isEqualTo(250_000_000L);
  }

  @Test
  void changesRateWithoutAJump() {
    base.advanceMillis(10);
    long beforeChange = clock.nanoTime();
    clock.setRate(0.5);

    assertThat(clock.nanoTime()).isEqualTo(beforeChange);
    base.advanceMillis(100);
    assertThat(clock.nanoTime() - beforeChange).isEqualTo(50_000_000L);
    clock.setRate(3);
    base.advanceMillis(10);
    assertThat(clock.nanoTime() - beforeChange).isEqualTo(80_000_000L);
  }

  @Test
  void neverGoesBackwardsAcrossManyChanges() {
    long last = clock.nanoTime();
    for (int i = 1; i <= 1000; i++) {
      clock.setRate(i % 7 == 0 ? 0.01 : i % 5 + 0.3);
      base.advanceNanos(12_345);
      long now = clock.nanoTime();
      assertThat(now).isGreaterThanOrEqualTo(last);
      last = now;
    }
  }

  @Test
  void rejectsARateOfZeroOrLess() {
    assertThatThrownBy(() -> clock.setRate(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.setRate(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.setRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
