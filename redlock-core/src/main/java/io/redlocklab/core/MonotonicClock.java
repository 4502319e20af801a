package io.redlocklab.core;

/**
 * The library's clock for everything a lease's safety depends on: a monotonic nanosecond counter,
 * as {@link System#nanoTime()}.
 *
 * <p>Elapsed time and lease validity are measured on this clock, never on the wall clock, so a
 * wall-clock step on the client cannot lengthen a lease. A clock that runs slow still makes
 * validity too long: that is the client-drift assumption Redlock depends on, and the drift factor
 * bounds it.
 *
 * <p>Waiting is not measured on this clock but slept in real time: the backoff between retries
 * (resilience4j's {@code Retry} sleeps), the per-node socket and pool timeouts, the watchdog's
 * renewal schedule and {@code close()}'s grace period. Deadlines and elapsed times are still read
 * from this clock, so a clock that runs slow stretches those waits but never a lease.
 */
@FunctionalInterface
public interface MonotonicClock {

  /** Nanoseconds from an arbitrary origin; only differences are meaningful. */
  long nanoTime();

  /** The JVM's monotonic clock. */
  static MonotonicClock system() {
    return System::nanoTime;
  }
}
