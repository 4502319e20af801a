package io.redlocklab.core;

import java.util.List;

/** Bad configuration or a bad argument. The message is one line naming the field and the fix. */
public class RedlockArgumentException extends RedlockException {

  public RedlockArgumentException(String message) {
    super(message, List.of());
  }
}
