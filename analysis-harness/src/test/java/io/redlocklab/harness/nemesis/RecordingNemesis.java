package io.redlocklab.harness.nemesis;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.HarnessException;
import java.util.List;

/** A nemesis that only writes down when it was started and stopped, on a shared log. */
final class RecordingNemesis implements Nemesis {

  private final String name;
  private final MonotonicClock clock;
  private final long originNanos;
  private final List<String> log;
  private boolean failOnStart;
  private boolean active;

  RecordingNemesis(String name, MonotonicClock clock, long originNanos, List<String> log) {
    this.name = name;
    this.clock = clock;
    this.originNanos = originNanos;
    this.log = log;
  }

  RecordingNemesis failingOnStart() {
    failOnStart = true;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void start() {
    if (failOnStart) {
      log.add(millis() + " fail " + name);
      throw new HarnessException(name + " did not take effect: test");
    }
    active = true;
    log.add(millis() + " start " + name);
  }

  @Override
  public synchronized void stop() {
    if (!active) {
      return;
    }
    active = false;
    log.add(millis() + " stop " + name);
  }

  private long millis() {
    return (clock.nanoTime() - originNanos) / 1_000_000;
  }
}
