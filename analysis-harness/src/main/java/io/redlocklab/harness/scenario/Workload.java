package io.redlocklab.harness.scenario;

import java.time.Duration;

/**
 * The lock clients' loop for one mode: acquire (waiting up to {@code acquireWait}), read the
 * resource's set, work for {@code work}, write the set back with one new unique element, release;
 * until {@code duration} has passed or each client has done {@code cycles} cycles.
 *
 * @param clients K, each on its own thread with its own connections and proxies
 * @param ttl the lease TTL
 * @param work time between the read and the write (the part of the lease that matters)
 * @param duration how long the workload (and the fault timeline) runs
 * @param cycles the most cycles per client; 0 for no limit (the duration decides)
 * @param seed drives every random choice of the cell
 * @param respectValidity right before each read and write the client checks that enough validity is
 *     left, and skips the rest of the cycle (recording a {@code skipped} op) when it is not: more
 *     than {@code work} + 10 ms before the read and more than 10 ms before the write; with the
 *     watchdog more than ttl/3 + 10 ms before either, and never a lease the watchdog gave up (the
 *     workload's {@code validityToRead}/{@code validityToWrite})
 * @param nodeTimeout per-node timeout of the lock client
 * @param acquireWait how long one acquire call may retry before it fails
 * @param watchdog the lock client renews held leases (and reports lost ones)
 * @param resource the name of the locked resource (the key of the protected set)
 * @param think after each cycle the client waits a random time in [think/2, think] (drawn from the
 *     seed) before it acquires again, so that clients waiting in retry backoff get the lock too;
 *     without it the releasing client re-acquires at once and starves the others (then a fault
 *     aimed at one client may never meet it holding a lease)
 * @param processClients each client runs in its own JVM child process ({@code clients_as:
 *     processes}), so that process-pause and process-crash can stop or kill all of its threads at
 *     once; otherwise ({@code threads}, the default) each client is a thread of the harness
 */
public record Workload(
    int clients,
    Duration ttl,
    Duration work,
    Duration duration,
    long cycles,
    long seed,
    boolean respectValidity,
    Duration nodeTimeout,
    Duration acquireWait,
    boolean watchdog,
    String resource,
    Duration think,
    boolean processClients) {

  /** Default {@link #think}. */
  public static final Duration DEFAULT_THINK = Duration.ofMillis(100);

  /** The same workload with another seed (the CLI's {@code --seed}). */
  public Workload withSeed(long newSeed) {
    return with(newSeed, respectValidity);
  }

  /** The same workload with another {@link #respectValidity} (it may differ per mode). */
  public Workload withRespectValidity(boolean respect) {
    return with(seed, respect);
  }

  private Workload with(long newSeed, boolean respect) {
    return new Workload(
        clients,
        ttl,
        work,
        duration,
        cycles,
        newSeed,
        respect,
        nodeTimeout,
        acquireWait,
        watchdog,
        resource,
        think,
        processClients);
  }
}
