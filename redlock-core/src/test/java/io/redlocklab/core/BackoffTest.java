package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void growsExponentiallyWithinJitterAndCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), 42);
    assertThat(backoff.delayMillis(1, Long.MAX_VALUE)).isBetween(5L, 15L);
    assertThat(backoff.delayMillis(3, Long.MAX_VALUE)).isBetween(20L, 60L);
    assertThat(backoff.delayMillis(12, Long.MAX_VALUE)).isBetween(100L, 300L);
  }

  @Test
  void neverSleepsPastTheCallersDeadline() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 1);
    assertThat(backoff.delayMillis(5, 30)).isLessThanOrEqualTo(30);
    assertThat(backoff.delayMillis(5, -3)).isZero();
  }

  @Test
  void theSameSeedGivesTheSameDelays() {
    long[] first = delays(new Backoff(Duration.ofMillis(10), Duration.ofMillis(500), 7));
    long[] second = delays(new Backoff(Duration.ofMillis(10), Duration.ofMillis(500), 7));
    long[] other = delays(new Backoff(Duration.ofMillis(10), Duration.ofMillis(500), 8));
    assertThat(first).isEqualTo(second).isNotEqualTo(other);
  }

  private static long[] delays(Backoff backoff) {
    return IntStream.rangeClosed(1, 10)
        .mapToLong(i -> backoff.delayMillis(i, Long.MAX_VALUE))
        .toArray();
  }
}
