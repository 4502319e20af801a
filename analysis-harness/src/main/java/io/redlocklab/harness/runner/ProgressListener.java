package io.redlocklab.harness.runner;

/** Live progress of the running cell, called from the runner's threads. */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = (cycles, violations) -> {};

  /** The phase after the workload and its faults end, while the servers still run. */
  String STOPPING_SERVERS = "stopping servers";

  /**
   * @param cycles leases granted so far
   * @param violations leases involved in a counted violation so far (as {@code
   *     Checker.check(...).violations()} gives it)
   */
  void update(long cycles, long violations);

  /**
   * The cell enters {@code phase}: {@code starting servers}, {@code workload and faults}, {@code
   * stopping servers} or {@code checking the history} (what an interrupted run names as its
   * moment).
   */
  default void phase(String phase) {}
}
