package io.redlocklab.testkit;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A server process that can be paused (SIGSTOP), resumed, killed (SIGKILL) and started again by the
 * same launcher. Each launch is a {@link ManagedProcess}, so no launch outlives this JVM.
 */
final class RestartableProcess {

  private final String name;
  private final Supplier<ManagedProcess> launcher;
  private volatile ManagedProcess process;

  private RestartableProcess(String name, Supplier<ManagedProcess> launcher) {
    this.name = name;
    this.launcher = launcher;
    this.process = launcher.get();
  }

  /** Launches at once; {@code launcher} starts the process and waits until it is ready. */
  static RestartableProcess start(String name, Supplier<ManagedProcess> launcher) {
    return new RestartableProcess(name, launcher);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** True while the process is stopped by SIGSTOP. */
  boolean isPaused() {
    return process.state() == 'T';
  }

  synchronized void pause() {
    process.signal("STOP");
    awaitPaused(true);
  }

  synchronized void resume() {
    process.signal("CONT");
    awaitPaused(false);
  }

  /** SIGKILL, then waits until the process is gone. Idempotent. */
  synchronized void kill() {
    process.stop();
  }

  /** Kills the process if it is alive and launches it again. */
  synchronized void restart() {
    process.stop();
    process = launcher.get();
  }

  private void awaitPaused(boolean paused) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (isPaused() != paused) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(this + " did not " + (paused ? "stop" : "continue"));
      }
      ManagedProcess.sleepQuietly(1);
    }
  }

  @Override
  public String toString() {
    return name + "[" + process + "]";
  }
}
