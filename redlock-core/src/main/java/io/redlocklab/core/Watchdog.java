package io.redlocklab.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Renews held leases in batches, each lease a third of the TTL (a tick) after its validity last
 * started: the acquisition's first request, then each renewal's.
 *
 * <p><b>Batching.</b> When the earliest lease has been due for a short window (a fiftieth of the
 * tick, at most {@value #MAX_WINDOW_MILLIS} ms), every lease due by then, up to {@value
 * #MAX_BATCH}, is renewed by {@link Redlock#extendAll}: one script call per node for the whole
 * batch, and a verdict per lease from its own per-key answers and the batch's start. 10,000 leases
 * with a 3 s TTL cost a few hundred node calls a second, not 50,000. A batch takes about as long
 * with 10 leases as with 1,000 (one round trip and a few wake-ups; the script spends about 3 us a
 * key on the node), so while every renewer is busy, due leases accumulate and the next batch is
 * larger: a slow moment of the machine costs lag, and the backlog clears at up to {@value
 * #CONCURRENT_BATCHES} x {@value #MAX_BATCH} leases per batch time.
 *
 * <p><b>Threads.</b> One scheduler ({@code redlock-watchdog}) and at most {@value
 * #CONCURRENT_BATCHES} renewers ({@code redlock-watchdog-renew-N}), each awaiting one batch,
 * whatever the number of leases; the node calls run on the client's I/O pool (N per batch). Threads
 * start with the first watched lease.
 *
 * <p><b>Failure.</b> A failed renewal is retried a tenth of a tick later if the lease will then
 * still be valid with half a tick to spare; otherwise the lease is declared lost ({@link
 * Lease#whenLost()}) while about half a tick of its validity is left. (The single-lease watchdog
 * retried a whole tick later under the same rule, which with a 3 s TTL leaves one retry. On a
 * loaded 2-core machine a process stall of 100-300 ms now and then times out a whole batch; a
 * second stall at the retry lost every lease in it, and each failure cost its leases a tick of lag.
 * A tenth of a tick leaves about a dozen retries and costs a tenth of a tick.) A released lease is
 * dropped. {@link #close()} stops renewing and declares nothing lost.
 *
 * <p><b>Time.</b> Due times are instants of the client's {@link MonotonicClock}; the scheduler
 * sleeps in real time ({@link Condition#awaitNanos}) for the difference that clock shows, and looks
 * at it again on waking.
 */
final class Watchdog implements AutoCloseable {

  static final int CONCURRENT_BATCHES = 8;
  static final int MAX_BATCH = 1_000;
  static final long MAX_WINDOW_MILLIS = 10;
  static final int RETRIES_PER_TICK = 10;

  private static final AtomicInteger RENEWERS = new AtomicInteger();

  /** A watched lease and the instant its renewal is due. */
  private record Watched(Lease lease, Duration ttl, long tickNanos, long dueNanos) {
    Watched at(long due) {
      return new Watched(lease, ttl, tickNanos, due);
    }

    long windowNanos() {
      return Math.min(MAX_WINDOW_MILLIS * 1_000_000, tickNanos / 50);
    }
  }

  private final Redlock client;
  private final MonotonicClock clock;
  private final double driftFactor;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition scheduleChanged = lock.newCondition();
  private final PriorityQueue<Watched> schedule =
      new PriorityQueue<>(Comparator.comparingLong(Watched::dueNanos));
  private final Semaphore freeRenewers = new Semaphore(CONCURRENT_BATCHES);
  private final ExecutorService renewers;
  private final Thread scheduler;
  private boolean started;
  private volatile boolean closed;

  Watchdog(Redlock client, RedlockConfig config) {
    this.client = client;
    this.clock = config.clock();
    this.driftFactor = config.driftFactor();
    this.renewers =
        Executors.newFixedThreadPool(
            CONCURRENT_BATCHES,
            runnable -> daemon(runnable, "redlock-watchdog-renew-" + RENEWERS.incrementAndGet()));
    this.scheduler = daemon(this::runScheduler, "redlock-watchdog");
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Renews the lease every third of {@code ttl}, the TTL it was acquired with. */
  void watch(Lease lease, Duration ttl) {
    long tick = Math.max(1, ttl.toNanos() / 3);
    long validitySince =
        lease.validUntilNanos() - Validity.validUntilNanos(0, ttl.toNanos(), driftFactor);
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (!started) {
        started = true;
        scheduler.start();
      }
      enqueue(new Watched(lease, ttl, tick, validitySince + tick));
    } finally {
      lock.unlock();
    }
  }

  // ---- the scheduler thread
  // ----------------------------------------------------------------------

  private void runScheduler() {
    try {
      while (!closed) {
        freeRenewers.acquire();
        List<Watched> batch = nextBatch();
        try {
          renewers.execute(() -> renew(batch));
        } catch (RejectedExecutionException e) {
          return; // closed
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /**
   * Waits until the earliest lease has been due for its window, then takes every lease due by now
   * with the same TTL, at most {@value #MAX_BATCH}.
   */
  private List<Watched> nextBatch() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        Watched head = schedule.peek();
        if (head == null) {
          scheduleChanged.await();
          continue;
        }
        long wait = head.dueNanos() + head.windowNanos() - clock.nanoTime();
        if (wait > 0) {
          scheduleChanged.awaitNanos(wait);
          continue;
        }
        long now = clock.nanoTime();
        List<Watched> batch = new ArrayList<>();
        List<Watched> otherTtl = new ArrayList<>();
        while (batch.size() < MAX_BATCH
            && !schedule.isEmpty()
            && schedule.peek().dueNanos() <= now) {
          Watched next = schedule.poll();
          if (next.lease().isReleased()) {
            continue;
          }
          (next.ttl().equals(head.ttl()) ? batch : otherTtl).add(next);
        }
        schedule.addAll(otherTtl);
        if (!batch.isEmpty()) {
          return batch;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- a renewer thread
  // --------------------------------------------------------------------------

  private void renew(List<Watched> batch) {
    try {
      List<Lease> leases = batch.stream().map(Watched::lease).toList();
      BatchExtension.Result result = client.extendAll(leases, batch.get(0).ttl());
      List<Watched> again = new ArrayList<>(batch.size());
      long now = clock.nanoTime();
      for (Watched watched : batch) {
        Lease lease = watched.lease();
        if (lease.isReleased() || closed) {
          continue;
        }
        LeaseExpiredException failure = result.failures().get(lease);
        long tick = watched.tickNanos();
        long retry = now + tick / RETRIES_PER_TICK;
        if (failure == null) {
          again.add(watched.at(result.startNanos() + tick));
        } else if (lease.validUntilNanos() - retry > tick / 2) {
          again.add(watched.at(retry));
        } else {
          lease.markLost(failure);
        }
      }
      reschedule(again);
    } catch (InterruptedException e) {
      // closed: the leases still held are not declared lost
    } catch (RuntimeException e) {
      for (Watched watched : batch) {
        Lease lease = watched.lease();
        if (!closed && !lease.isReleased()) {
          lease.markLost(
              new LeaseExpiredException(
                  "'" + lease.resource() + "': renewal failed: " + e, List.of()));
        }
      }
    } finally {
      freeRenewers.release();
    }
  }

  private void reschedule(List<Watched> again) {
    lock.lock();
    try {
      again.forEach(this::enqueue);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds to the schedule, waking the scheduler if the lease is now the earliest; holds the lock.
   */
  private void enqueue(Watched watched) {
    schedule.add(watched);
    if (schedule.peek() == watched) {
      scheduleChanged.signal();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (started) {
        scheduler.interrupt();
      }
    } finally {
      lock.unlock();
    }
    renewers.shutdownNow();
  }
}
