package io.redlocklab.harness.cli;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.report.Interruption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * {@code run --parallel P}: the units of a run on P threads, each unit a cell trial with servers of
 * its own, started in unit order. When the run thread is interrupted (a signal, see {@link
 * InterruptGuard}) every running unit is interrupted too and stops its servers, and no new one
 * starts.
 */
final class ParallelCells {

  private ParallelCells() {}

  static void run(int units, int parallel, IntConsumer unit, Supplier<Interruption> interruption) {
    ExecutorService pool = Executors.newFixedThreadPool(parallel, cellThreads());
    boolean interrupted = false;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < units; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  if (interruption.get() == null) {
                    unit.accept(index);
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new HarnessException("a cell failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      interrupted |= awaitStopped(pool);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for the running units to stop their servers; true if interrupted meanwhile. */
  private static boolean awaitStopped(ExecutorService pool) {
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + InterruptGuard.STOP_WITHIN.toNanos();
    while (!pool.isTerminated()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        pool.awaitTermination(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }

  private static ThreadFactory cellThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> new Thread(runnable, "cell-" + count.incrementAndGet());
  }
}
