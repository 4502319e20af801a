package io.redlocklab.harness.nemesis;

/**
 * One fault injector. {@link #start()} injects the fault and returns only once it has
 * <em>measured</em> that the fault took effect, recording {@code start} and {@code verified: ...}
 * events in the history; when the effect cannot be measured it heals what it did and throws a
 * {@link io.redlocklab.harness.HarnessException}. {@link #stop()} heals and records {@code stop}.
 * Both may be called again for a repeating fault; {@code stop()} does nothing when not started.
 */
public interface Nemesis {

  /** The name its history events carry, e.g. {@code partition} or {@code partition-2}. */
  String name();

  void start();

  void stop();
}
