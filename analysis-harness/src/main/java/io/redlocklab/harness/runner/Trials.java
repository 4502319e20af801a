package io.redlocklab.harness.runner;

/**
 * The seed of each trial of a cell. Trial 0 keeps the base seed (a one-trial run reproduces the
 * runs before trials existed); trial t ≥ 1 gets {@code mix64(base + t · 0x9E3779B97F4A7C15)}, where
 * mix64 is the SplitMix64 finaliser (Steele, Lea, Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014). Wrapping 64-bit arithmetic; documented in scenarios/README.md.
 */
public final class Trials {

  /** The golden-ratio increment of SplitMix64. */
  static final long GAMMA = 0x9E3779B97F4A7C15L;

  private Trials() {}

  public static long seed(long base, int trial) {
    if (trial < 0) {
      throw new IllegalArgumentException("trial " + trial);
    }
    return trial == 0 ? base : mix64(base + trial * GAMMA);
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
