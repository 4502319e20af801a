package io.redlocklab.core;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * {@link Lock} over one resource: each lock() acquires a lease, unlock() releases it. Not
 * reentrant. Ownership is per acquisition: each thread's lease is kept apart, so a thread that
 * acquires after another's lease expired never overwrites that one, and the earlier holder's
 * unlock() learns that its lease ended.
 */
final class RedlockLock implements Lock {

  private static final Duration FOREVER = Duration.ofDays(365);

  private final Redlock client;
  private final String resource;
  private final ConcurrentMap<Thread, Lease> holders = new ConcurrentHashMap<>();

  RedlockLock(Redlock client, String resource) {
    this.client = client;
    this.resource = resource;
  }

  @Override
  public void lock() {
    boolean interrupted = false;
    while (true) {
      try {
        lockInterruptibly();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    if (!tryLock(FOREVER.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("'" + resource + "': not acquired within " + FOREVER);
    }
  }

  @Override
  public boolean tryLock() {
    try {
      return tryLock(0, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    Thread self = Thread.currentThread();
    if (holders.containsKey(self)) {
      throw new IllegalStateException(
          "'" + resource + "': already held by this thread; the lock is not reentrant");
    }
    try {
      holders.put(self, client.acquire(resource, Duration.ofNanos(unit.toNanos(time))));
      return true;
    } catch (AcquireInterruptedException e) {
      Thread.interrupted();
      throw new InterruptedException(e.getMessage());
    } catch (LockTakenException | QuorumUnreachableException | LeaseExpiredException e) {
      return false;
    }
  }

  /**
   * Releases this thread's lease.
   *
   * @throws IllegalMonitorStateException this thread does not hold the lock
   * @throws LeaseExpiredException the lease had ended (expired, or lost by the watchdog) before
   *     this call, so another client may have held the lock during the critical section; the lease
   *     was released anyway and the lock is no longer held by this thread
   */
  @Override
  public void unlock() {
    Lease held = holders.remove(Thread.currentThread());
    if (held == null) {
      throw new IllegalMonitorStateException(
          "'" + resource + "': unlock by a thread that does not hold it");
    }
    boolean heldThroughout = held.isValid();
    held.release();
    if (!heldThroughout) {
      throw new LeaseExpiredException(
          "'"
              + resource
              + "': the lease ended before unlock(); another holder may have had the lock during"
              + " the critical section",
          held.nodeOutcomes());
    }
  }

  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException("conditions are not supported by a distributed lock");
  }
}
