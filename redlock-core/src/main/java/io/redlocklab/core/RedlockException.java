package io.redlocklab.core;

import java.util.List;

/**
 * The root of every exception the library throws. All are unchecked. Where nodes were asked, the
 * exception carries what each one answered.
 */
public class RedlockException extends RuntimeException {

  private final List<NodeOutcome> nodeOutcomes;

  public RedlockException(String message, List<NodeOutcome> nodeOutcomes) {
    super(message);
    this.nodeOutcomes = List.copyOf(nodeOutcomes);
  }

  public RedlockException(String message, Throwable cause) {
    super(message, cause);
    this.nodeOutcomes = List.of();
  }

  /** What each node answered, in node order; empty when no node was asked. */
  public List<NodeOutcome> nodeOutcomes() {
    return nodeOutcomes;
  }
}
