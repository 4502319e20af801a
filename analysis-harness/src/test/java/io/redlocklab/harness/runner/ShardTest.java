package io.redlocklab.harness.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.InputException;
import io.redlocklab.harness.scenario.ScenarioLoader;
import io.redlocklab.harness.scenario.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {

  private static final Suite FULL =
      ScenarioLoader.load(Path.of("..", "scenarios", "full.suite.yaml")).withTrials(3);

  @Test
  void parsesIOverNAndRejectsEverythingElseWithOneLine() {
    assertThat(Shard.parse("2/5")).isEqualTo(new Shard(2, 5));
    for (String bad : List.of("3/2", "0/2", "x", "1/0", "1/", "-1/2", "1/2/3", "")) {
      assertThatThrownBy(() -> Shard.parse(bad))
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith("--shard ")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void theShardsCoverEveryUnitOnceInSuiteOrder() {
    List<Shard.Unit> all = Shard.units(FULL);
    assertThat(all).hasSize(FULL.cells().size() * 3);
    for (int n : new int[] {1, 2, 3, 7}) {
      List<Shard.Unit> union = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        List<Shard.Unit> part = new Shard(i, n).select(all);
        assertThat(part).isSortedAccordingTo((a, b) -> Integer.compare(a.order(), b.order()));
        assertThat(part).isEqualTo(new Shard(i, n).select(all)); // deterministic
        union.addAll(part);
      }
      union.sort((a, b) -> Integer.compare(a.order(), b.order()));
      assertThat(union).isEqualTo(all);
    }
  }

  /** Greedy longest-first: no shard exceeds another by more than the longest unit. */
  @Test
  void theShardsAreBalancedByEstimatedCost() {
    List<Shard.Unit> all = Shard.units(FULL);
    long longest = all.stream().mapToLong(Shard::cost).max().orElseThrow();
    for (int n : new int[] {2, 4, 8}) {
      long min = Long.MAX_VALUE;
      long max = 0;
      for (int i = 1; i <= n; i++) {
        long load = new Shard(i, n).select(all).stream().mapToLong(Shard::cost).sum();
        min = Math.min(min, load);
        max = Math.max(max, load);
      }
      assertThat(max - min).isLessThanOrEqualTo(longest);
    }
  }
}
