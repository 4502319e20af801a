package io.redlocklab.core;

/**
 * The only source of time in the library: a monotonic nanosecond counter, as {@link
 * System#nanoTime()}.
 *
 * <p>Elapsed time and lease validity are measured on this clock, never on the wall clock, so a
 * wall-clock step on the client cannot lengthen a lease. A clock that runs slow still makes
 * validity too long: that is the client-drift assumption Redlock depends on, and the drift factor
 * bounds it.
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
