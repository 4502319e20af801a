package io.redlocklab.harness.nemesis;

import io.redlocklab.core.MonotonicClock;
import java.util.function.DoubleConsumer;

/**
 * A client's monotonic clock whose rate can be changed at any moment: from the last change on it
 * advances {@code rate} × as fast as its base clock. It never jumps and never goes backwards (rates
 * are > 0), so a client given one sees a fast or slow clock, exactly the drift Redlock's drift
 * factor is meant to bound. Thread-safe.
 */
public final class DriftingClock implements MonotonicClock {

  private final MonotonicClock base;
  private long baseAtChange;
  private long valueAtChange;
  private double rate = 1.0;
  private long last = Long.MIN_VALUE;
  private DoubleConsumer rateListener = rate -> {};

  public DriftingClock(MonotonicClock base) {
    this.base = base;
    this.baseAtChange = base.nanoTime();
    this.valueAtChange = baseAtChange;
  }

  /** A clock on {@link System#nanoTime()}, at rate 1. */
  public static DriftingClock system() {
    return new DriftingClock(MonotonicClock.system());
  }

  @Override
  public synchronized long nanoTime() {
    long value = valueAtChange + (long) ((base.nanoTime() - baseAtChange) * rate);
    last = Math.max(last, value);
    return last;
  }

  public synchronized double rate() {
    return rate;
  }

  /** From now on the clock runs at {@code rate} × its base; continuous at the change. */
  public synchronized void setRate(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("clock rate must be > 0, was " + rate);
    }
    long now = base.nanoTime();
    valueAtChange = valueAtChange + (long) ((now - baseAtChange) * this.rate);
    baseAtChange = now;
    this.rate = rate;
    rateListener.accept(rate);
  }

  /**
   * Tells {@code listener} every later rate change: a client in another JVM keeps its own clock,
   * which this one mirrors.
   */
  public synchronized void onRateChange(DoubleConsumer listener) {
    this.rateListener = listener;
  }
}
