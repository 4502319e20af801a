package io.redlocklab.harness.runner;

/** Live progress of the running cell, called from the runner's threads. */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = (cycles, violations) -> {};

  /**
   * @param cycles leases granted so far
   * @param violations leases involved in a counted violation so far (as {@code
   *     Checker.check(...).violations()} gives it)
   */
  void update(long cycles, long violations);
}
