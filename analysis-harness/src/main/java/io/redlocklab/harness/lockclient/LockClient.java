package io.redlocklab.harness.lockclient;

import java.time.Duration;

/**
 * A lock as one workload client uses it: the only thing the workload, the history and the checkers
 * know of any lock implementation (Curator's {@code InterProcessLock} shape). One instance serves
 * one workload client, on that client's thread, with that client's connections and clock.
 */
public interface LockClient extends AutoCloseable {

  /**
   * Acquires a lease on {@code resource}, retrying for up to {@code wait}.
   *
   * @throws LockRefusedException no lease was granted; its message says why
   */
  HeldLease acquire(String resource, Duration wait);

  /** Lets go of every connection and thread; leases still held are left to expire. */
  @Override
  void close();
}
