package io.redlocklab.harness.nemesis;

import io.redlocklab.core.MonotonicClock;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. */
final class FakeClock implements MonotonicClock {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return now.get();
  }

  void advanceMillis(long millis) {
    now.addAndGet(millis * 1_000_000);
  }

  void advanceNanos(long nanos) {
    now.addAndGet(nanos);
  }
}
