package io.redlocklab.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Renews held leases every third of the TTL. A failed renewal is retried at the next tick only if
 * the lease will still be valid with half a tick to spare; otherwise the lease is declared lost,
 * which happens before its validity runs out.
 */
final class Watchdog implements AutoCloseable {

  private final ScheduledExecutorService timer;
  private final MonotonicClock clock;

  Watchdog(MonotonicClock clock) {
    this.clock = clock;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "redlock-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
  }

  void watch(Lease lease, Duration ttl) {
    long tick = Math.max(1, ttl.toNanos() / 3);
    timer.schedule(() -> renew(lease, ttl, tick), tick, TimeUnit.NANOSECONDS);
  }

  private void renew(Lease lease, Duration ttl, long tick) {
    if (lease.isReleased()) {
      return;
    }
    try {
      lease.extend(ttl);
      timer.schedule(() -> renew(lease, ttl, tick), tick, TimeUnit.NANOSECONDS);
    } catch (LeaseExpiredException e) {
      long remaining = lease.validUntilNanos() - clock.nanoTime();
      if (remaining > tick + tick / 2) {
        timer.schedule(() -> renew(lease, ttl, tick), tick, TimeUnit.NANOSECONDS);
      } else if (!lease.isReleased()) {
        lease.markLost(e);
      }
    } catch (RuntimeException e) {
      lease.markLost(
          new LeaseExpiredException("'" + lease.resource() + "': renewal failed: " + e, List.of()));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
