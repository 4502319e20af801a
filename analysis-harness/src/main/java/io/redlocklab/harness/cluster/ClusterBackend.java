package io.redlocklab.harness.cluster;

import io.redlocklab.harness.InputException;
import java.util.Set;

/**
 * Starts a {@link Topology} somewhere: local processes, Docker containers or an existing
 * deployment.
 */
public interface ClusterBackend {

  /** local, testcontainers or external. */
  String name();

  Set<Capability> capabilities();

  /**
   * Throws a one-line {@link InputException} when this backend cannot provide {@code topology}
   * (e.g. server clocks under Testcontainers). Starts nothing. {@link #start} calls it first.
   */
  void check(Topology topology);

  /**
   * Starts every server and proxy of {@code topology} and returns when all answer. When start-up
   * fails, whatever was started is stopped before the exception leaves.
   */
  RunningCluster start(Topology topology);
}
