package io.redlocklab.harness.lockclient;

import io.redlocklab.harness.HarnessException;
import java.util.List;

/** No lease was granted: taken, unreachable or out of validity. An outcome, not a harness fault. */
public final class LockRefusedException extends HarnessException {

  private final List<String> detail;

  /**
   * @param why one line, starting with the lock's own name for the refusal, e.g. {@code
   *     LockTakenException: ...}
   * @param detail what each server said, one line each
   */
  public LockRefusedException(String why, List<String> detail) {
    super(why);
    this.detail = List.copyOf(detail);
  }

  public List<String> detail() {
    return detail;
  }
}
