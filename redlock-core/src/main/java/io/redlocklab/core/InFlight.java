package io.redlocklab.core;

/**
 * The client's lifecycle and the operations under way, so that {@link Redlock#close()} can refuse
 * new acquisitions, let the running operations (releases above all) finish, and only then close the
 * connections. Waiting is in real time: it bounds a shutdown, not a lease.
 */
final class InFlight {

  private int running;
  private boolean closing;
  private boolean terminated;

  /** Registers a new acquisition; false once closing began. */
  synchronized boolean enterAcquire() {
    return !closing && enter();
  }

  /** Registers a lease operation (release, extend, async hand-off); false once terminated. */
  synchronized boolean enter() {
    if (terminated) {
      return false;
    }
    running++;
    return true;
  }

  synchronized void exit() {
    if (--running == 0) {
      notifyAll();
    }
  }

  synchronized boolean isClosing() {
    return closing;
  }

  /** Refuses new acquisitions from now on; false if closing had already begun. */
  synchronized boolean beginClose() {
    boolean wasOpen = !closing;
    closing = true;
    return wasOpen;
  }

  /**
   * Waits until no operation is under way, for at most {@code nanos}, then refuses every new one.
   *
   * @return true if none was under way in the end
   */
  synchronized boolean awaitIdleThenTerminate(long nanos) {
    long deadline = System.nanoTime() + nanos;
    boolean interrupted = false;
    try {
      while (running > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      terminated = true;
      return running == 0;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
