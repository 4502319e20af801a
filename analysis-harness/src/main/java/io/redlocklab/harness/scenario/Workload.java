package io.redlocklab.harness.scenario;

/**
 * The lock clients' loop for one mode: acquire (waiting up to {@code acquireWaitMillis}), read the
 * resource's set, work for {@code workMillis}, write the set back with one new unique element,
 * release; until {@code durationMillis} has passed or each client has done {@code cycles} cycles.
 *
 * @param clients K, each on its own thread with its own connections and proxies
 * @param ttlMillis the lease TTL
 * @param workMillis time between the read and the write (the part of the lease that matters)
 * @param durationMillis how long the workload (and the fault timeline) runs
 * @param cycles the most cycles per client; 0 for no limit (the duration decides)
 * @param seed drives every random choice of the cell
 * @param respectValidity right before each read and write the client checks that enough validity is
 *     left, and skips the rest of the cycle (recording a {@code skipped} op) when it is not: more
 *     than {@code workMillis} + 10 ms before the read and more than 10 ms before the write; with
 *     the watchdog more than ttl/3 + 10 ms before either, and never a lease the watchdog gave up
 *     (the runner's {@code validityToRead}/{@code validityToWrite})
 * @param nodeTimeoutMillis per-node timeout of the lock client
 * @param acquireWaitMillis how long one acquire call may retry before it fails
 * @param watchdog the lock client renews held leases (and reports lost ones)
 * @param resource the name of the locked resource (the key of the protected set)
 * @param thinkMillis after each cycle the client waits a random time in [think/2, think] (drawn
 *     from the seed) before it acquires again, so that clients waiting in retry backoff get the
 *     lock too; without it the releasing client re-acquires at once and starves the others (then a
 *     fault aimed at one client may never meet it holding a lease)
 */
public record Workload(
    int clients,
    long ttlMillis,
    long workMillis,
    long durationMillis,
    long cycles,
    long seed,
    boolean respectValidity,
    long nodeTimeoutMillis,
    long acquireWaitMillis,
    boolean watchdog,
    String resource,
    long thinkMillis) {

  /** Default {@link #thinkMillis}. */
  public static final long DEFAULT_THINK_MILLIS = 100;

  /** The same workload with another seed (the CLI's {@code --seed}). */
  public Workload withSeed(long newSeed) {
    return new Workload(
        clients,
        ttlMillis,
        workMillis,
        durationMillis,
        cycles,
        newSeed,
        respectValidity,
        nodeTimeoutMillis,
        acquireWaitMillis,
        watchdog,
        resource,
        thinkMillis);
  }
}
