package io.redlocklab.jmh;

import io.redlocklab.core.FencingMode;
import io.redlocklab.core.Lease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * T threads of one process share one redlock-core client and compete for one resource: each
 * operation is one attempt ({@code tryAcquire}, no retry), released at once when it wins. The
 * primary score is attempts per time; the {@code acquired} and {@code refused} counters split them.
 *
 * <p>Fairness: per-thread wins over the measurement iterations are appended as one JSON line per
 * trial to the file named by {@code REDLOCK_BENCH_FAIRNESS} (and printed), for the report. JMH's
 * aux counters also count the few invocations of its iteration-synchronisation phases, so the
 * report derives successful pairs per time as attempts/time &times; acquired/(acquired+refused).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ContentionBenchmark {

  static final String RESOURCE = "contended";

  @State(Scope.Benchmark)
  public static class Shared extends RedlockTrial {
    long[] wins;
    long[] attempts;
    int recorded;

    @Override
    FencingMode fencing() {
      return FencingMode.NONE;
    }

    @Override
    void beforeStart(BenchmarkParams params) {
      wins = new long[params.getThreads()];
      attempts = new long[params.getThreads()];
    }

    synchronized void record(int thread, long acquired, long refused) {
      wins[thread] += acquired;
      attempts[thread] += acquired + refused;
      recorded++;
      notifyAll();
    }

    /** Writes the fairness line before the client stops. */
    @Override
    synchronized void beforeStop(BenchmarkParams params) {
      // JMH runs this trial teardown on the first thread done with the last iteration; the other
      // threads record that iteration concurrently, so wait for them.
      int expected = params.getThreads() * params.getMeasurement().getCount();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (recorded < expected && System.nanoTime() < deadline) {
        try {
          wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      String line =
          "{\"benchmark\":\""
              + params.getBenchmark()
              + "\",\"threads\":"
              + params.getThreads()
              + ",\"params\":{"
              + params.getParamsKeys().stream()
                  .map(k -> "\"" + k + "\":\"" + params.getParam(k) + "\"")
                  .collect(Collectors.joining(","))
              + "},\"threadIterationsRecorded\":"
              + recorded
              + ",\"wins\":"
              + Arrays.toString(wins)
              + ",\"attempts\":"
              + Arrays.toString(attempts)
              + "}";
      System.out.println("fairness: " + line);
      String file = System.getenv("REDLOCK_BENCH_FAIRNESS");
      if (file != null && !file.isBlank()) {
        try {
          Files.writeString(
              java.nio.file.Path.of(file),
              line + System.lineSeparator(),
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot append to " + file, e);
        }
      }
    }
  }

  /** Per-thread outcome counters; JMH resets them before each iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Outcomes {
    public long acquired;
    public long refused;

    Shared shared;
    int thread;

    @Setup(Level.Trial)
    public void bind(Shared shared, ThreadParams threadParams) {
      this.shared = shared;
      this.thread = threadParams.getThreadIndex();
    }

    @TearDown(Level.Iteration)
    public void record(IterationParams iteration) {
      if (iteration.getType() == IterationType.MEASUREMENT) {
        shared.record(thread, acquired, refused);
      }
    }
  }

  private static int attempt(Shared shared, Outcomes outcomes) {
    Optional<Lease> lease = shared.redlock.tryAcquire(RESOURCE);
    if (lease.isPresent()) {
      outcomes.acquired++;
      return lease.get().release();
    }
    outcomes.refused++;
    return 0;
  }

  @Benchmark
  @Threads(1)
  public int threads1(Shared shared, Outcomes outcomes) {
    return attempt(shared, outcomes);
  }

  @Benchmark
  @Threads(4)
  public int threads4(Shared shared, Outcomes outcomes) {
    return attempt(shared, outcomes);
  }

  @Benchmark
  @Threads(16)
  public int threads16(Shared shared, Outcomes outcomes) {
    return attempt(shared, outcomes);
  }
}
