package io.redlocklab.harness.workload;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.redlocklab.core.Lease;
import io.redlocklab.core.LeaseExpiredException;
import io.redlocklab.core.MonotonicClock;
import io.redlocklab.core.NodeOutcome;
import io.redlocklab.core.Redlock;
import io.redlocklab.core.RedlockException;
import io.redlocklab.core.RedlockListener;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.HistorySink;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.harness.nemesis.ClientPauses;
import io.redlocklab.harness.nemesis.DriftingClock;
import io.redlocklab.harness.nemesis.PausePoint;
import io.redlocklab.harness.workload.ProtectedResource.Result;

/**
 * One lock client of the lock-set workload, on its own thread: acquire, read the set, work, add a
 * unique element, write the set back, release; every step recorded. A client that respects validity
 * checks its remaining validity before each use of the resource and gives the lease up instead.
 */
final class LockSetClient implements Runnable {

  private final int index;
  private final String process;
  private final WorkloadSettings settings;
  private final Redlock redlock;
  private final ProtectedResource resource;
  private final DriftingClock clientClock;
  private final Run run;
  private final AtomicLong cycles;
  private final SplittableRandom random;
  private int elements;

  /** What every client of one run shares. */
  record Run(HistorySink history, MonotonicClock clock, ClientPauses pauses, long endNanos) {}

  LockSetClient(int index, WorkloadSettings settings, Redlock redlock, ProtectedResource resource,
      DriftingClock clientClock, Run run, AtomicLong cycles) {
    this.index = index;
    this.process = Ops.client(index);
    this.settings = settings;
    this.redlock = redlock;
    this.resource = resource;
    this.clientClock = clientClock;
    this.run = run;
    this.cycles = cycles;
    this.random = new SplittableRandom(settings.seed() * 31 + index);
  }

  /** Listener for client {@code index}: the during-acquire pause point and watchdog renewals and losses. */
  static RedlockListener listener(int index, ClientPauses pauses, HistorySink history,
      MonotonicClock clock, DriftingClock clientClock, String mode) {
    return new RedlockListener() {
      @Override
      public void requestsSent(String resource) {
        pauses.checkpoint(index, PausePoint.DURING_ACQUIRE);
      }

      @Override
      public void extended(Lease lease) {
        history.append(new HistoryRecord(clock.nanoTime(), HistoryRecord.OK, Ops.client(index), Ops.EXTEND,
            mode, lease.resource(), lease.value(), token(lease), validUntilOnRunClock(lease, clientClock, clock),
            List.of(), null, ""));
      }

      @Override
      public void leaseLost(Lease lease, LeaseExpiredException reason) {
        history.append(new HistoryRecord(clock.nanoTime(), HistoryRecord.INFO, Ops.client(index), Ops.LOST,
            mode, lease.resource(), lease.value(), token(lease), null, List.of(), null, reason.getMessage()));
      }
    };
  }

  @Override
  public void run() {
    long done = 0;
    while (run.clock().nanoTime() < run.endNanos() && !Thread.currentThread().isInterrupted()
        && (settings.cyclesPerClient() == 0 || done < settings.cyclesPerClient())) {
      Lease lease = acquire();
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
      long thinkMillis = settings.think().toMillis();
      sleepQuietly(Duration.ofMillis(thinkMillis / 2 + random.nextLong(thinkMillis - thinkMillis / 2 + 1)));
    }
  }

  private Lease acquire() {
    record(HistoryRecord.INVOKE, Ops.ACQUIRE, null, null, null, List.of(), null, "");
    try {
      Lease lease = redlock.acquire(settings.resource(), settings.acquireWait());
      record(HistoryRecord.OK, Ops.ACQUIRE, lease.value(), token(lease),
          validUntilOnRunClock(lease, clientClock, run.clock()), outcomes(lease.nodeOutcomes()), null, "");
      return lease;
    } catch (RedlockException e) {
      record(HistoryRecord.FAIL, Ops.ACQUIRE, null, null, null, outcomes(e.nodeOutcomes()), null,
          e.getClass().getSimpleName() + ": " + e.getMessage());
      if (Thread.currentThread().isInterrupted()) {
        return null;
      }
      sleepQuietly(settings.failureBackoff());
      return null;
    }
  }

  private void useResource(Lease lease) {
    if (!validEnough(lease, "read", settings.validityToRead())) {
      return;
    }
    Long token = token(lease);
    record(HistoryRecord.INVOKE, Ops.READ, lease.value(), token, null, List.of(), null, "");
    Result read = resource.read(token, lease.value());
    recordResult(Ops.READ, lease, read, null);
    if (!(read instanceof Result.Applied applied)) {
      return;
    }
    sleepQuietly(settings.work());
    if (!validEnough(lease, "write", settings.validityToWrite())) {
      return;
    }
    String element = "c" + index + "-" + (++elements);
    Set<String> next = new LinkedHashSet<>(applied.elements());
    next.add(element);
    record(HistoryRecord.INVOKE, Ops.WRITE, lease.value(), token, null, List.of(), element, "");
    recordResult(Ops.WRITE, lease, resource.write(token, lease.value(), next), element);
  }

  /** True unless the client respects validity and too little is left for this step. */
  private boolean validEnough(Lease lease, String step, Duration needed) {
    if (!settings.respectValidity()) {
      return true;
    }
    Duration left = lease.remainingValidity();
    boolean lost = lease.whenLost().toCompletableFuture().isDone();
    if (!lost && left.compareTo(needed) > 0) {
      return true;
    }
    record(HistoryRecord.INFO, step, lease.value(), token(lease), null, List.of(), null,
        lost ? "skipped: the watchdog gave the lease up" : "skipped: " + left.toMillis() + " ms validity left");
    return false;
  }

  private void release(Lease lease) {
    record(HistoryRecord.INVOKE, Ops.RELEASE, lease.value(), token(lease), null, List.of(), null, "");
    int released = lease.release();
    record(HistoryRecord.OK, Ops.RELEASE, lease.value(), token(lease), null, List.of(), null,
        "released on " + released + " nodes");
  }

  private void recordResult(String op, Lease lease, Result result, String element) {
    String type = HistoryRecord.FAIL;
    String detail;
    if (result instanceof Result.Applied applied) {
      type = HistoryRecord.OK;
      detail = op.equals(Ops.READ) ? "size=" + applied.elements().size() : "";
    } else if (result instanceof Result.Fenced fenced) {
      detail = fenced.why();
    } else if (result instanceof Result.Failed failed) {
      detail = failed.why();
    } else {
      type = HistoryRecord.INFO;
      detail = ((Result.Unknown) result).why();
    }
    record(type, op, lease.value(), token(lease), null, List.of(), element, detail);
  }

  /** The lease's end as this client believes it, placed on the run's clock. */
  private static long validUntilOnRunClock(Lease lease, DriftingClock clientClock, MonotonicClock runClock) {
    long clientNanosLeft = lease.validUntilNanos() - clientClock.nanoTime();
    return runClock.nanoTime() + (long) (clientNanosLeft / clientClock.rate());
  }

  private void record(String type, String op, String leaseValue, Long token, Long validUntil,
      List<String> outcomes, String value, String detail) {
    run.history().append(new HistoryRecord(run.clock().nanoTime(), type, process, op, settings.mode(),
        settings.resource(), leaseValue, token, validUntil, outcomes, value, detail));
  }

  private static Long token(Lease lease) {
    return lease.fencingToken().isPresent() ? lease.fencingToken().getAsLong() : null;
  }

  private static List<String> outcomes(List<NodeOutcome> outcomes) {
    return outcomes.stream().map(NodeOutcome::toString).toList();
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
