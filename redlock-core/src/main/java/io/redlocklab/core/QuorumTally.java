package io.redlocklab.core;

import io.redlocklab.core.NodeOutcome.Status;

/**
 * Counts node answers and says as early as possible whether a quorum for the request is certain,
 * impossible, or still open. Pure arithmetic; not thread-safe.
 */
final class QuorumTally {

  /** Why a quorum became impossible. */
  enum Failure {
    /** Refusals alone leave too few nodes: another holder has the lock. */
    TAKEN,
    /** Errors and timeouts took part in blocking the quorum: the lock state is unknown. */
    UNREACHABLE
  }

  private final int nodes;
  private final int quorum;
  private int ok;
  private int taken;
  private int failed;

  QuorumTally(int nodes) {
    this.nodes = nodes;
    this.quorum = RedlockConfig.majorityOf(nodes);
  }

  /** An independent copy with the same counts. */
  QuorumTally copy() {
    QuorumTally copy = new QuorumTally(nodes);
    copy.ok = ok;
    copy.taken = taken;
    copy.failed = failed;
    return copy;
  }

  void record(Status status) {
    switch (status) {
      case OK -> ok++;
      case TAKEN -> taken++;
      case ERROR, TIMEOUT -> failed++;
      case UNKNOWN -> throw new IllegalArgumentException("UNKNOWN is not an answer");
    }
  }

  int quorum() {
    return quorum;
  }

  int ok() {
    return ok;
  }

  int answered() {
    return ok + taken + failed;
  }

  boolean succeeded() {
    return ok >= quorum;
  }

  boolean failed() {
    return ok + (nodes - answered()) < quorum;
  }

  boolean decided() {
    return succeeded() || failed();
  }

  /** Meaningful once {@link #failed()}: TAKEN only if refusals alone make the quorum impossible. */
  Failure failure() {
    return nodes - taken < quorum ? Failure.TAKEN : Failure.UNREACHABLE;
  }

  @Override
  public String toString() {
    return ok
        + " ok, "
        + taken
        + " taken, "
        + failed
        + " failed of "
        + nodes
        + " (quorum "
        + quorum
        + ")";
  }
}
