package io.redlocklab.harness.cli;

import io.redlocklab.harness.report.Interruption;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during a {@code run}. Its shutdown hook records the signal and the run's
 * phase, interrupts the run's thread, so that the runner stops the running cell's cluster and
 * client processes as at any other end of a cell (the cluster's own hook and the testkit's process
 * reaper stop them as well), and waits up to {@link #STOP_WITHIN} for the run thread to write the
 * interrupted results; when it does not, the hook writes them itself. Output files are written
 * under {@link #writing}, so that the hook never writes beside the run thread.
 */
final class InterruptGuard implements AutoCloseable {

  /** How long the hook waits for the run thread to stop its cell and write its results. */
  static final Duration STOP_WITHIN = Duration.ofSeconds(20);

  /** {@code -Dredlocklab.trace-phases=true}: print {@code phase: ...} lines on stderr. */
  static final String TRACE_PROPERTY = "redlocklab.trace-phases";

  private static final AtomicReference<String> LAST_SIGNAL = new AtomicReference<>();

  static {
    recordSignals();
  }

  /** Writes the interrupted results from what the run has recorded so far. */
  @FunctionalInterface
  interface ResultsWriter {
    void write(Interruption interruption);
  }

  private final Thread runThread;
  private final ResultsWriter fallback;
  private final Supplier<int[]> cells;
  private final PrintStream trace;
  private final Thread hook;
  private final ReentrantLock writing = new ReentrantLock();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicReference<Interruption> interruption = new AtomicReference<>();
  private volatile boolean completed;
  private volatile String phase = "start-up";

  /**
   * @param cells the cells completed so far and planned, as {@code {completed, planned}}
   * @param fallback writes the interrupted results when the run thread does not in time
   * @param trace where phase lines go, or null
   */
  private InterruptGuard(Supplier<int[]> cells, ResultsWriter fallback, PrintStream trace) {
    this.runThread = Thread.currentThread();
    this.cells = cells;
    this.fallback = fallback;
    this.trace = trace;
    this.hook = new Thread(this::onShutdown, "run-interrupted");
  }

  /** Guards the calling thread's run until {@link #close()}. */
  static InterruptGuard install(Supplier<int[]> cells, ResultsWriter fallback, PrintStream err) {
    InterruptGuard guard =
        new InterruptGuard(cells, fallback, Boolean.getBoolean(TRACE_PROPERTY) ? err : null);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  /** The run is now doing {@code what}. */
  void phase(String what) {
    phase = what;
    if (trace != null) {
      trace.println("phase: " + what);
      trace.flush();
    }
  }

  /** Set once a signal (or another JVM shutdown) stopped the run before its end. */
  Interruption interruption() {
    return interruption.get();
  }

  /**
   * Runs {@code write} while the hook cannot write; then marks the run complete unless it was
   * interrupted meanwhile.
   */
  void writeOutputs(Runnable write) {
    writing.lock();
    try {
      write.run();
      synchronized (this) {
        completed = interruption.get() == null;
      }
    } finally {
      writing.unlock();
    }
  }

  /**
   * Writes the interrupted results on the run thread (its interrupt flag cleared first); the hook
   * waits until {@link #close()}.
   */
  void writeInterrupted() {
    Thread.interrupted();
    writing.lock();
    try {
      fallback.write(interruption.get());
    } finally {
      writing.unlock();
    }
  }

  /** Hook side: records, interrupts the run thread, waits for it, else writes the results. */
  void onShutdown() {
    synchronized (this) {
      if (completed) {
        return;
      }
      int[] done = cells.get();
      String signal = LAST_SIGNAL.get();
      interruption.set(
          new Interruption(signal == null ? "shutdown" : signal, phase, done[0], done[1]));
    }
    runThread.interrupt();
    try {
      if (finished.await(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      if (writing.tryLock(2, TimeUnit.SECONDS)) {
        try {
          fallback.write(interruption.get());
        } finally {
          writing.unlock();
        }
      }
    } catch (InterruptedException | RuntimeException e) {
      // The JVM is going down: nothing more to save.
    }
  }

  /** The run ended (completed or written as interrupted): the hook is no longer needed. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs or has run.
    }
  }

  /**
   * Notes which of SIGINT or SIGTERM ends the JVM, then lets the JVM's own handler (which starts
   * the shutdown) run. Signals the JVM does not handle (ignored, {@code -Xrs}) are left alone.
   */
  private static void recordSignals() {
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal signal = new Signal(name);
        AtomicReference<SignalHandler> previous = new AtomicReference<>();
        previous.set(
            Signal.handle(
                signal,
                s -> {
                  LAST_SIGNAL.compareAndSet(null, "SIG" + s.getName());
                  SignalHandler jvm = previous.get();
                  if (jvm != null) {
                    jvm.handle(s);
                  } else {
                    System.exit(128 + s.getNumber()); // as the JVM's own handler does
                  }
                }));
        if (previous.get() == SignalHandler.SIG_DFL || previous.get() == SignalHandler.SIG_IGN) {
          Signal.handle(signal, previous.get());
        }
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // Not ours to handle: the interruption then names no signal.
      }
    }
  }
}
