package io.redlocklab.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionTest {

  @Test
  void zeroEventsGiveOnlyAnUpperBoundNearTheRuleOfThree() {
    Proportion none = new Proportion(0, 1000);

    assertThat(none.rate()).isZero();
    assertThat(none.lower()).isZero();
    // z^2 / (n + z^2) = 3.8415 / 1003.8415
    assertThat(none.upper()).isCloseTo(0.003827, within(1e-6));
  }

  @Test
  void matchesPublishedWilsonIntervals() {
    // Newcombe (1998), Statistics in Medicine 17, table I: 81/263 -> 0.2553 .. 0.3662
    Proportion p = new Proportion(81, 263);

    assertThat(p.lower()).isCloseTo(0.2553, within(5e-5));
    assertThat(p.upper()).isCloseTo(0.3662, within(5e-5));
  }

  @Test
  void allEventsReachOneAndSumsAddUp() {
    Proportion all = new Proportion(5, 5);

    assertThat(all.upper()).isEqualTo(1.0);
    assertThat(all.lower()).isCloseTo(0.5655, within(5e-5));
    assertThat(new Proportion(1, 10).plus(new Proportion(2, 20))).isEqualTo(new Proportion(3, 30));
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThatThrownBy(() -> new Proportion(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Proportion(0, 0).rate()).isNaN();
  }
}
