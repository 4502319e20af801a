package io.redlocklab.harness;

/**
 * Bad input from the user: a scenario file, a flag, an impossible topology. The message is one line
 * saying what is wrong and how to fix it; the CLI prints it without a stack trace and exits with 2.
 * Thrown before any process is started.
 */
public class InputException extends HarnessException {

  public InputException(String message) {
    super(message);
  }
}
