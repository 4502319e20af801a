package io.redlocklab.core;

/**
 * The Redlock validity arithmetic (redis.io, "Distributed Locks with Redis", step 3 and "Making the
 * algorithm more reliable"): {@code validity = ttl - elapsed - drift}, {@code drift = ttl * factor
 * + 2 ms}. The 2 ms covers the nodes' millisecond expiry resolution.
 */
final class Validity {

  static final long EXPIRY_RESOLUTION_NANOS = 2_000_000L;

  private Validity() {}

  static long driftNanos(long ttlNanos, double driftFactor) {
    return (long) (ttlNanos * driftFactor) + EXPIRY_RESOLUTION_NANOS;
  }

  /**
   * Validity left when the quorum was confirmed {@code elapsedNanos} after the first request went
   * out.
   */
  static long remainingNanos(long ttlNanos, long elapsedNanos, double driftFactor) {
    return ttlNanos - elapsedNanos - driftNanos(ttlNanos, driftFactor);
  }

  /**
   * The monotonic instant the lease stops being valid, given when its first request went out. Every
   * node set its key after {@code startNanos}, so each key outlives this instant by at least the
   * drift.
   */
  static long validUntilNanos(long startNanos, long ttlNanos, double driftFactor) {
    return startNanos + ttlNanos - driftNanos(ttlNanos, driftFactor);
  }
}
