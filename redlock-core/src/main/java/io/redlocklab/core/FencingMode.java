package io.redlocklab.core;

/**
 * Where a lease's fencing token comes from. A protected resource that rejects requests carrying an
 * older token than one it has seen is the only defence against a holder that outlives its lease (a
 * process pause, a delayed write). The lock alone cannot provide that.
 */
public enum FencingMode {
  /** No token. {@link Lease#fencingToken()} is empty. */
  NONE,
  /**
   * {@code INCR} on one designated node after the quorum is reached (what Redisson's fenced lock
   * does). Monotonic only while that node keeps its data: a restart without persistence, or a
   * failover to a replica that missed the increment, makes the token go backwards.
   */
  SINGLE_NODE,
  /**
   * The acquire script increments a per-resource counter on every node whose {@code SET NX}
   * succeeded; the token is the maximum over the quorum, and it is written back ({@code max}) to a
   * majority before the lease is handed out. Any later quorum intersects that majority, so later
   * tokens are larger. Under faults two holders can still share a token: order by (token, lease
   * value) and reject a second holder at the same token.
   */
  QUORUM
}
