package io.redlocklab.harness.nemesis;

/**
 * What a workload client calls at each {@link PausePoint} of its cycle, from its own thread: the
 * place where a pause or crash fault armed for that client strikes.
 */
@FunctionalInterface
public interface PauseCheckpoint {

  void checkpoint(int client, PausePoint point);
}
