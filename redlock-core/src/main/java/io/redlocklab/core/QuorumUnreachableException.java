package io.redlocklab.core;

import java.util.List;

/**
 * Too many nodes failed or timed out for a quorum, so the lock state is unknown rather than taken.
 */
public class QuorumUnreachableException extends RedlockException {

  public QuorumUnreachableException(String message, List<NodeOutcome> nodeOutcomes) {
    super(message, nodeOutcomes);
  }
}
