package io.redlocklab.harness.lockclient;

/** Builds the lock client of one workload client. */
@FunctionalInterface
public interface LockClientFactory {

  LockClient create(LockClientContext context);
}
