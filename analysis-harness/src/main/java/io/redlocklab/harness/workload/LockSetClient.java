package io.redlocklab.harness.workload;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.history.ClientHistory;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LeaseEvents;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockRefusedException;
import io.redlocklab.harness.nemesis.DriftingClock;
import io.redlocklab.harness.nemesis.PauseCheckpoint;
import io.redlocklab.harness.nemesis.PausePoint;
import io.redlocklab.harness.scenario.Workload;
import io.redlocklab.harness.workload.ProtectedResource.Result;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One lock client of the lock-set workload, on its own thread: acquire, read the set, work, add a
 * unique element, write the set back, release; every step recorded. A client that respects validity
 * checks its remaining validity before each use of the resource and gives the lease up instead.
 */
final class LockSetClient implements Runnable {

  private final int index;
  private final ClientHistory history;

  /** Pause after a failed acquire. */
  private static final Duration FAILURE_BACKOFF = Duration.ofMillis(20);

  /** Covers the client's own scheduling between checking its validity and sending the request. */
  private static final long VALIDITY_MARGIN_MILLIS = 10;

  private final Workload workload;
  private final LockClient lock;
  private final ProtectedResource resource;
  private final DriftingClock clientClock;
  private final Run run;
  private final AtomicLong cycles;
  private final SplittableRandom random;
  private int elements;

  /** What every client of one run shares. */
  record Run(MonotonicClock clock, PauseCheckpoint pauses, long endNanos) {}

  LockSetClient(
      int index,
      ClientHistory history,
      Workload workload,
      LockClient lock,
      ProtectedResource resource,
      DriftingClock clientClock,
      Run run,
      AtomicLong cycles) {
    this.index = index;
    this.history = history;
    this.workload = workload;
    this.lock = lock;
    this.resource = resource;
    this.clientClock = clientClock;
    this.run = run;
    this.cycles = cycles;
    this.random = new SplittableRandom(workload.seed() * 31 + index);
  }

  /**
   * What client {@code index}'s lock reports: the during-acquire pause point, and renewals and
   * losses into the history (their instants moved from the client's clock onto the run's).
   */
  static LeaseEvents events(
      int index,
      ClientHistory history,
      PauseCheckpoint pauses,
      MonotonicClock clock,
      DriftingClock clientClock) {
    return new LeaseEvents() {
      @Override
      public void requestsSent() {
        pauses.checkpoint(index, PausePoint.DURING_ACQUIRE);
      }

      @Override
      public void renewalSent() {
        pauses.checkpoint(index, PausePoint.DURING_RENEWAL);
      }

      @Override
      public void extended(String value, Long token, long believedUntilNanos) {
        history.extended(value, token, onRunClock(believedUntilNanos, clientClock, clock));
      }

      @Override
      public void lost(String value, Long token, String why) {
        history.lost(value, token, why);
      }
    };
  }

  @Override
  public void run() {
    long done = 0;
    while (run.clock().nanoTime() < run.endNanos()
        && !Thread.currentThread().isInterrupted()
        && (workload.cycles() == 0 || done < workload.cycles())) {
      HeldLease lease = acquire();
      if (lease == null) {
        continue;
      }
      run.pauses().checkpoint(index, PausePoint.AFTER_ACQUIRE);
      useResource(lease);
      run.pauses().checkpoint(index, PausePoint.BEFORE_RELEASE);
      release(lease);
      cycles.incrementAndGet();
      done++;
      // Think time, so the client that just released does not win every race for the next lease.
      long thinkMillis = workload.think().toMillis();
      sleepQuietly(
          Duration.ofMillis(thinkMillis / 2 + random.nextLong(thinkMillis - thinkMillis / 2 + 1)));
    }
  }

  private HeldLease acquire() {
    history.acquireInvoked();
    try {
      HeldLease lease = lock.acquire(workload.resource(), workload.acquireWait());
      history.acquired(
          lease.value(),
          lease.token(),
          onRunClock(lease.believedUntilNanos(), clientClock, run.clock()),
          lease.acquireDetail());
      return lease;
    } catch (LockRefusedException e) {
      history.acquireFailed(e.getMessage(), e.detail());
      sleepQuietly(FAILURE_BACKOFF);
      return null;
    }
  }

  private void useResource(HeldLease lease) {
    if (!validEnough(lease, Ops.READ, validityToRead())) {
      return;
    }
    Long token = lease.token();
    history.readInvoked(lease.value(), token);
    Result read = resource.read(token, lease.value());
    recordResult(Ops.READ, lease, read, null);
    if (!(read instanceof Result.Applied applied)) {
      return;
    }
    sleepQuietly(workload.work());
    if (!validEnough(lease, Ops.WRITE, validityToWrite())) {
      return;
    }
    String element = "c" + index + "-" + (++elements);
    Set<String> next = new LinkedHashSet<>(applied.elements());
    next.add(element);
    history.writeInvoked(lease.value(), token, element);
    recordResult(Ops.WRITE, lease, resource.write(token, lease.value(), next), element);
  }

  /**
   * Without a watchdog a cycle's read, work and write must all fit in the lease. With one, the
   * lease is renewed every third of its TTL, so a healthy lease never has less than that left.
   */
  private Duration validityToRead() {
    long millis = workload.watchdog() ? workload.ttl().toMillis() / 3 : workload.work().toMillis();
    return Duration.ofMillis(millis + VALIDITY_MARGIN_MILLIS);
  }

  /**
   * Only the write itself is left to fit, unless the watchdog should have renewed the lease by now;
   * a lease the watchdog gave up is never used.
   */
  private Duration validityToWrite() {
    long millis = workload.watchdog() ? workload.ttl().toMillis() / 3 : 0;
    return Duration.ofMillis(millis + VALIDITY_MARGIN_MILLIS);
  }

  /** True unless the client respects validity and too little is left for this step. */
  private boolean validEnough(HeldLease lease, String step, Duration needed) {
    if (!workload.respectValidity()) {
      return true;
    }
    Duration left = remaining(lease);
    boolean lost = lease.lost();
    if (!lost && left.compareTo(needed) > 0) {
      return true;
    }
    history.skipped(
        step,
        lease.value(),
        lease.token(),
        lost ? "the watchdog gave the lease up" : left.toMillis() + " ms validity left");
    return false;
  }

  private void release(HeldLease lease) {
    history.releaseInvoked(lease.value(), lease.token());
    String detail = lease.release();
    history.released(lease.value(), lease.token(), detail);
  }

  private void recordResult(String op, HeldLease lease, Result result, String element) {
    Long token = lease.token();
    if (result instanceof Result.Applied applied) {
      if (op.equals(Ops.READ)) {
        history.readOk(lease.value(), token, applied.elements().size());
      } else {
        history.writeOk(lease.value(), token, element);
      }
    } else if (result instanceof Result.Fenced fenced) {
      history.fenced(op, lease.value(), token, element, fenced.why());
    } else if (result instanceof Result.Failed failed) {
      history.opFailed(op, lease.value(), token, element, failed.why());
    } else {
      history.opUnknown(op, lease.value(), token, element, ((Result.Unknown) result).why());
    }
  }

  /** Validity the holder believes it has left, on its own clock. */
  private Duration remaining(HeldLease lease) {
    if (lease.believedUntilNanos() == HeldLease.UNTIL_RELEASE) {
      return ChronoUnit.FOREVER.getDuration();
    }
    return Duration.ofNanos(Math.max(0, lease.believedUntilNanos() - clientClock.nanoTime()));
  }

  /**
   * An instant on the client's clock, placed on the run's clock; null for "until release", which
   * the history records as a lease without a validity end.
   */
  private static Long onRunClock(
      long clientNanos, DriftingClock clientClock, MonotonicClock runClock) {
    if (clientNanos == HeldLease.UNTIL_RELEASE) {
      return null;
    }
    long clientNanosLeft = clientNanos - clientClock.nanoTime();
    return runClock.nanoTime() + (long) (clientNanosLeft / clientClock.rate());
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
