package io.redlocklab.harness.workload;

import java.time.Duration;

/**
 * How the clients of one (scenario, mode) cell behave.
 *
 * @param mode the lock mode id, written into every record
 * @param resource the one contended resource
 * @param clients how many lock clients
 * @param duration how long the clients loop
 * @param acquireWait how long one acquire may retry before it is recorded as failed
 * @param work time spent holding the lease between the read and the write
 * @param respectValidity check the remaining validity before each use of the resource
 * @param validityToRead when respecting validity, what a client must still have left to start a
 *     cycle's read (its whole read, work and write must fit)
 * @param validityToWrite likewise, to send the write; a lease the watchdog gave up is never used
 * @param failureBackoff pause after a failed acquire
 * @param resourceTimeout read timeout of the resource connection
 * @param seed drives each client's think time
 * @param cyclesPerClient a client stops after this many cycles; 0 for no limit
 * @param think after each cycle a client waits a seeded random time in [think/2, think]
 */
public record WorkloadSettings(
    String mode,
    String resource,
    int clients,
    Duration duration,
    Duration acquireWait,
    Duration work,
    boolean respectValidity,
    Duration validityToRead,
    Duration validityToWrite,
    Duration failureBackoff,
    Duration resourceTimeout,
    long seed,
    long cyclesPerClient,
    Duration think) {}
