package io.redlocklab.harness.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrialsTest {

  @Test
  void trialZeroKeepsTheBaseSeed() {
    assertThat(Trials.seed(42, 0)).isEqualTo(42);
    assertThat(Trials.seed(-7, 0)).isEqualTo(-7);
  }

  /** Expected values computed outside Java from the documented formula. */
  @Test
  void laterTrialsFollowTheDocumentedFormula() {
    assertThat(Trials.seed(42, 1)).isEqualTo(-4767286540954276203L);
    assertThat(Trials.seed(42, 2)).isEqualTo(2949826092126892291L);
    assertThat(Trials.seed(-7, 1)).isEqualTo(7790691224305936752L);
  }

  @Test
  void seedsOfOneCellAreDistinctAndNeighbouringBaseSeedsDoNotShareTrials() {
    Set<Long> seeds = new HashSet<>();
    for (long base = 0; base < 10; base++) {
      for (int t = 0; t < 100; t++) {
        seeds.add(Trials.seed(base, t));
      }
    }
    assertThat(seeds).hasSize(1000);
  }
}
