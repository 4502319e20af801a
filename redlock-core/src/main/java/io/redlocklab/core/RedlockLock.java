package io.redlocklab.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * {@link Lock} over one resource: each lock() acquires a lease, unlock() releases it. Not
 * reentrant.
 */
final class RedlockLock implements Lock {

  private static final Duration FOREVER = Duration.ofDays(365);

  private final Redlock client;
  private final String resource;
  private Lease lease;
  private Thread owner;

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
    refuseReentry();
    try {
      Lease acquired = client.acquire(resource, Duration.ofNanos(unit.toNanos(time)));
      hold(acquired);
      return true;
    } catch (AcquireInterruptedException e) {
      Thread.interrupted();
      throw new InterruptedException(e.getMessage());
    } catch (LockTakenException | QuorumUnreachableException | LeaseExpiredException e) {
      return false;
    }
  }

  @Override
  public void unlock() {
    Lease held;
    synchronized (this) {
      if (owner != Thread.currentThread()) {
        throw new IllegalMonitorStateException(
            "'" + resource + "': unlock by a thread that does not hold it");
      }
      held = lease;
      lease = null;
      owner = null;
    }
    held.release();
  }

  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException("conditions are not supported by a distributed lock");
  }

  private synchronized void refuseReentry() {
    if (owner == Thread.currentThread()) {
      throw new IllegalStateException(
          "'" + resource + "': already held by this thread; the lock is not reentrant");
    }
  }

  private synchronized void hold(Lease acquired) {
    lease = acquired;
    owner = Thread.currentThread();
  }
}
