package io.redlocklab.core;

import java.time.Duration;
import java.util.Random;

/**
 * Randomized exponential backoff, {@code base * 2^(attempt-1)} capped at {@code max}, jittered by
 * ±50%.
 */
final class Backoff {

  private final long baseMillis;
  private final long maxMillis;
  private final Random random;

  Backoff(Duration base, Duration max, long seed) {
    this.baseMillis = Math.max(1, base.toMillis());
    this.maxMillis = Math.max(baseMillis, max.toMillis());
    this.random = new Random(seed);
  }

  /** Delay before retry number {@code attempt} (1-based), never past {@code remainingMillis}. */
  long delayMillis(int attempt, long remainingMillis) {
    long exponential = baseMillis << Math.min(attempt - 1, 20);
    long capped = Math.min(maxMillis, exponential);
    long jittered = Math.max(1, Math.round(capped * (0.5 + random.nextDouble())));
    return Math.max(0, Math.min(jittered, remainingMillis));
  }
}
