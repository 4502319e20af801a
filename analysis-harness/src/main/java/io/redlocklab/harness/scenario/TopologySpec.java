package io.redlocklab.harness.scenario;

import io.redlocklab.testkit.Persistence;

/**
 * The scenario's part of the topology; the node count comes from the mode and the client count from
 * the workload.
 *
 * @param replicas every master gets an async replica (also forced by modes that need one)
 * @param persistence how every lock master persists: none, AOF everysec or AOF always
 */
public record TopologySpec(boolean replicas, Persistence persistence) {

  public static final TopologySpec DEFAULT = new TopologySpec(false, Persistence.NONE);
}
