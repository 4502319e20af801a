package io.redlocklab.core;

/**
 * Callbacks for lease events. Methods run on the thread that caused the event (a watchdog thread
 * for {@link #leaseLost} and for the watchdog's renewals), so they must be quick and must not
 * throw; a throwing listener is logged and ignored.
 */
public interface RedlockListener {

  default void acquired(Lease lease) {}

  default void acquireFailed(String resource, RedlockException reason) {}

  /**
   * The acquire requests were handed to every node and the calling thread is about to wait for the
   * replies (with a single node the request was sent on the calling thread and has already been
   * answered). Elapsed time is already running: anything that delays this thread here is charged to
   * the lease's validity.
   */
  default void requestsSent(String resource) {}

  /**
   * The watchdog's renewal requests were handed to every node and its thread is about to wait for
   * the replies. The renewed validity is measured from before the send: anything that delays this
   * thread here is charged to it.
   */
  default void renewalSent() {}

  default void released(Lease lease, int nodesReleased) {}

  default void extended(Lease lease) {}

  /**
   * The lease can no longer be trusted: renewal failed or it expired while the watchdog held it.
   */
  default void leaseLost(Lease lease, LeaseExpiredException reason) {}

  /** A listener that does nothing. */
  RedlockListener NONE = new RedlockListener() {};
}
