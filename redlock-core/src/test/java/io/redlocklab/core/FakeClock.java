package io.redlocklab.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A monotonic clock that moves only when told to. */
final class FakeClock implements MonotonicClock {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return now.get();
  }

  void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }
}
