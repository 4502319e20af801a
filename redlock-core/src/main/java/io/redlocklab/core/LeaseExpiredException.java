package io.redlocklab.core;

import java.util.List;

/**
 * The lease is not (or no longer) valid: the acquisition used up its validity before it finished,
 * an extend came after expiry or missed the quorum, or the watchdog could not renew it.
 */
public class LeaseExpiredException extends RedlockException {

  public LeaseExpiredException(String message, List<NodeOutcome> nodeOutcomes) {
    super(message, nodeOutcomes);
  }
}
