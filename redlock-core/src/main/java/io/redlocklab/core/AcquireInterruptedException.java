package io.redlocklab.core;

import java.util.List;

/**
 * The acquiring thread was interrupted. Anything the attempt had taken was released, and the
 * thread's interrupt flag is set again.
 */
public class AcquireInterruptedException extends RedlockException {

  public AcquireInterruptedException(String resource) {
    super("interrupted while acquiring '" + resource + "'; nothing is held", List.of());
  }
}
