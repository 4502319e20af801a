package io.redlocklab.core;

/**
 * Where a lease's fencing token comes from. A protected resource that rejects requests carrying an
 * older token than one it has seen is the only defence against a holder that outlives its lease (a
 * process pause, a delayed write). The lock alone cannot provide that.
 *
 * <p>The resource should check reads as well as writes. A holder whose token has been superseded is
 * then turned away at its read, so it cannot base a read-modify-write on data a newer holder is
 * changing: checking only writes stops late writes, checking reads too also prevents lost updates.
 *
 * <p>Every counter must be as durable as the lock keys, for the same reason: a counter that a
 * restart without {@code appendfsync always} or a failover to a lagging replica takes back is a
 * token that can go backwards.
 */
public enum FencingMode {
  /** No token. {@link Lease#fencingToken()} is empty. */
  NONE,
  /**
   * {@code INCR} on one designated node after the quorum is reached (what Redisson's fenced lock
   * does). Tokens are monotonic if and only if that node never loses its counter: a restart without
   * {@code appendfsync always}, or a failover to a replica that missed an increment, makes them go
   * backwards.
   */
  SINGLE_NODE,
  /**
   * The acquire script increments a per-resource counter on every node whose {@code SET NX}
   * succeeded; the token is the maximum over the {@code OK} replies counted when the quorum was
   * reached, and it is written back ({@code max}) to every node, awaiting a majority, before the
   * lease is handed out.
   *
   * <p>Precisely: let {@code W} be the nodes whose counter is at least {@code t} when token {@code
   * t} is handed out (every node the write-back reached; at least a majority, since a majority is
   * awaited), and {@code Q'} the {@code OK} replies a later acquire counts. Its token {@code t'} is
   * greater than {@code t} if and only if some node of {@code Q'} still holds a counter of at least
   * {@code t}; that is guaranteed when {@code Q'} meets {@code W} in a node that kept its counter
   * since. Counters only grow unless a node loses its data, so with no counter lost quorum
   * intersection makes later tokens larger. The intersection can be small, though: with N=5 and
   * bare majorities ({@code |W| = |Q'| = 3}) it can be a single node, so one restart without
   * persistence can already break monotonicity; once the nodes where {@code Q'} meets {@code W}
   * have all lost their counters, {@code t' <= t} unless a node outside {@code W} reached {@code t}
   * by chance. A client that reaches only a majority writes back only there. And while the earlier
   * lease's keys live, the nodes of {@code W} that kept their data also kept that key, so they
   * cannot be in {@code Q'}: a lease granted in that time because nodes forgot the key meets {@code
   * W} only in nodes that forgot, unless the write-back reached nodes where the earlier {@code SET
   * NX} had not succeeded.
   *
   * <p>Under faults two holders can also share a token: order by (token, lease value) and reject a
   * second holder at the same token.
   */
  QUORUM,
  /**
   * {@link #QUORUM}, and each node floors its counter at its own clock in milliseconds ({@code
   * TIME}) when it increments it: {@code counter = max(counter + 1, now)}. Where {@code QUORUM}'s
   * tokens grow, these grow too; in addition, a later token is larger when some node of {@code Q'}
   * reads a clock later than every clock reading that went into {@code t}, so a lost counter no
   * longer starts again at 1. That fallback rests on node clocks: it holds when they agree to
   * better than the time between the two acquisitions, and fails when the counters are lost and the
   * later quorum's clocks are behind (a clock stepped back, or one that ran ahead when {@code t}
   * was issued). Tokens are milliseconds since the epoch, well inside a double's exact range, so a
   * Lua check at the resource still compares them exactly.
   */
  QUORUM_CLOCK_FLOOR;

  /** True for the modes whose token comes from the acquire quorum and is written back. */
  boolean fromQuorum() {
    return this == QUORUM || this == QUORUM_CLOCK_FLOOR;
  }
}
