package io.redlocklab.core;

import java.util.List;

/** Enough nodes already hold another holder's lease that a quorum for this one is impossible. */
public class LockTakenException extends RedlockException {

  public LockTakenException(String message, List<NodeOutcome> nodeOutcomes) {
    super(message, nodeOutcomes);
  }
}
