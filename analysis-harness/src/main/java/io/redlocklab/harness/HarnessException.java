package io.redlocklab.harness;

/** The root of every exception the harness throws. Unchecked. */
public class HarnessException extends RuntimeException {

  public HarnessException(String message) {
    super(message);
  }

  public HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
