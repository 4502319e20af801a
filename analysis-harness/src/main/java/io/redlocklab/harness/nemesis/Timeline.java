package io.redlocklab.harness.nemesis;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.HarnessException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs nemeses on a schedule relative to a start instant: each entry starts at {@code at}, stops at
 * {@code at + duration}, and repeats every {@code repeatEvery} while the start is before the end of
 * the scenario. One dispatcher thread fires events on time; each nemesis runs its start/stop on its
 * own worker thread, so a slow verification (e.g. measuring a 1 s latency) never delays another
 * nemesis. {@link #close()} stops the schedule and heals every nemesis still active.
 */
public final class Timeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Timeline.class);

  /** One scheduled fault. {@code repeatEveryMillis} 0 means once. */
  public record Entry(
      Nemesis nemesis, long atMillis, long durationMillis, long repeatEveryMillis) {}

  /** A planned action: start or stop {@code entry}'s nemesis at {@code atMillis}. */
  public record Event(long atMillis, boolean start, Entry entry) {
    @Override
    public String toString() {
      return atMillis + "ms " + (start ? "start " : "stop ") + entry.nemesis().name();
    }
  }

  /** Waits on the clock; tests substitute one that advances a fake clock. */
  @FunctionalInterface
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final List<Entry> entries;
  private final List<Event> plan;
  private final MonotonicClock clock;
  private final Sleeper sleeper;
  private final boolean inline;
  private final List<ExecutorService> workers = new ArrayList<>();
  private final List<HarnessException> failures = new CopyOnWriteArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private Thread dispatcher;
  private boolean closed;

  public Timeline(List<Entry> entries, long endMillis, MonotonicClock clock) {
    this(entries, endMillis, clock, TimeUnit.NANOSECONDS::sleep, false);
  }

  /** {@code inline}: run nemeses on the dispatcher thread (deterministic, for tests). */
  Timeline(
      List<Entry> entries, long endMillis, MonotonicClock clock, Sleeper sleeper, boolean inline) {
    this.entries = List.copyOf(entries);
    this.plan = plan(this.entries, endMillis);
    this.clock = clock;
    this.sleeper = sleeper;
    this.inline = inline;
  }

  static List<Event> plan(List<Entry> entries, long endMillis) {
    record Ranked(Event event, int rank, int index) {}
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      for (long at = entry.atMillis(); at < endMillis; at += entry.repeatEveryMillis()) {
        long stopAt = at + entry.durationMillis();
        // At one instant: earlier faults heal (0), then faults start (1), then zero-length ones
        // stop (2).
        ranked.add(new Ranked(new Event(at, true, entry), 1, i));
        ranked.add(
            new Ranked(new Event(stopAt, false, entry), entry.durationMillis() == 0 ? 2 : 0, i));
        if (entry.repeatEveryMillis() <= 0) {
          break;
        }
      }
    }
    ranked.sort(
        Comparator.comparingLong((Ranked r) -> r.event().atMillis())
            .thenComparingInt(Ranked::rank)
            .thenComparingInt(Ranked::index));
    return ranked.stream().map(Ranked::event).toList();
  }

  /** Starts the schedule; {@code startNanos} (on the clock) is time 0 of every entry. */
  public synchronized void start(long startNanos) {
    if (dispatcher != null || closed) {
      throw new IllegalStateException("timeline already started or closed");
    }
    for (Entry entry : entries) {
      workers.add(
          inline
              ? null
              : Executors.newSingleThreadExecutor(
                  runnable -> {
                    Thread thread = new Thread(runnable, "nemesis-" + entry.nemesis().name());
                    thread.setDaemon(true);
                    return thread;
                  }));
    }
    dispatcher = new Thread(() -> dispatch(startNanos), "nemesis-timeline");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  /** Waits until every planned event has run; true when they all did in time. */
  public boolean awaitDone(long timeoutMillis) throws InterruptedException {
    return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Nemeses that failed to start or stop (their effect not verified); empty on a clean run. */
  public List<HarnessException> failures() {
    return List.copyOf(failures);
  }

  /** Stops the schedule and heals every nemesis still active. Idempotent. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = dispatcher;
    }
    if (running != null) {
      running.interrupt();
      join(running);
    }
    for (ExecutorService worker : workers) {
      if (worker != null) {
        worker.shutdown();
      }
    }
    for (ExecutorService worker : workers) {
      awaitTermination(worker);
    }
    // stop() does nothing on a nemesis that is not active.
    for (int i = 0; i < entries.size(); i++) {
      run(i, false);
    }
  }

  private void dispatch(long startNanos) {
    List<Future<?>> last = new ArrayList<>();
    try {
      for (Event event : plan) {
        long target = startNanos + TimeUnit.MILLISECONDS.toNanos(event.atMillis());
        for (long wait = target - clock.nanoTime(); wait > 0; wait = target - clock.nanoTime()) {
          sleeper.sleepNanos(wait);
        }
        int index = entries.indexOf(event.entry());
        if (inline) {
          run(index, event.start());
        } else {
          last.add(workers.get(index).submit(() -> run(index, event.start())));
        }
      }
      for (Future<?> future : last) {
        future.get();
      }
      done.countDown();
    } catch (InterruptedException e) {
      // closed: close() heals what is active
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.RejectedExecutionException e) {
      log.warn("timeline: {}", e.toString());
    }
  }

  private void run(int index, boolean start) {
    Nemesis nemesis = entries.get(index).nemesis();
    try {
      if (start) {
        nemesis.start();
      } else {
        nemesis.stop();
      }
    } catch (RuntimeException e) {
      HarnessException failure =
          e instanceof HarnessException h ? h : new HarnessException(nemesis.name() + ": " + e, e);
      failures.add(failure);
      log.warn(
          "nemesis {} failed to {}: {}", nemesis.name(), start ? "start" : "stop", e.toString());
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTermination(ExecutorService worker) {
    if (worker == null) {
      return;
    }
    try {
      if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
        log.warn("a nemesis did not finish within 60 s of close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
