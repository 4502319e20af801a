package io.redlocklab.harness.lockclient;

import java.util.List;

/** A lease a {@link LockClient} granted, as its holder sees it. */
public interface HeldLease {

  /** Ends {@link #believedUntilNanos()} for a client that keeps renewing until it is released. */
  long UNTIL_RELEASE = Long.MAX_VALUE;

  /** Unique to this acquisition: what the history and the fenced resource know the holder by. */
  String value();

  /** The fencing token, or null when the lock gives none. */
  Long token();

  /**
   * When the holder stops believing it holds the lease, on the client's own clock; {@link
   * #UNTIL_RELEASE} when it believes so until it releases (a client that keeps renewing).
   */
  long believedUntilNanos();

  /** True once the lock told the holder that the lease is gone (e.g. its watchdog gave up). */
  boolean lost();

  /** What each server said to the acquisition, one line each; empty when the lock tells nothing. */
  List<String> acquireDetail();

  /** Releases the lease; returns one line for the history, e.g. "released on 5 nodes". */
  String release();
}
