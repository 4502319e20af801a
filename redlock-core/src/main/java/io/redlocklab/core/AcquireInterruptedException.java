package io.redlocklab.core;

import java.util.List;

/**
 * The acquiring thread was interrupted, and its interrupt flag is set again. Before this is thrown
 * the attempt sent a compare-and-delete to every node and waited up to two node timeouts for the
 * answers. That is best effort: a node that did not answer in time may keep the key until its TTL
 * ends, so the resource can stay locked for up to one TTL. No lease was handed out.
 */
public class AcquireInterruptedException extends RedlockException {

  public AcquireInterruptedException(String resource) {
    super(
        "interrupted while acquiring '"
            + resource
            + "'; no lease was granted, and what the attempt took was released where nodes"
            + " answered (the rest expires after the TTL)",
        List.of());
  }
}
