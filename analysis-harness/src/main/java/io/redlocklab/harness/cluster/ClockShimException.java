package io.redlocklab.harness.cluster;

import io.redlocklab.harness.HarnessException;

/** The clock shim cannot be built or used. The message is one line, plus compiler output if any. */
public class ClockShimException extends HarnessException {

  public ClockShimException(String message) {
    super(message);
  }

  public ClockShimException(String message, Throwable cause) {
    super(message, cause);
  }
}
