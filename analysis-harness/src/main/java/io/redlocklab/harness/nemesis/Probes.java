package io.redlocklab.harness.nemesis;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.cluster.Connections;
import io.redlocklab.harness.cluster.Link;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/** Small measurements against real servers, used to verify faults. */
final class Probes {

  /** Probe keys expire by themselves, so they never pile up on the servers. */
  static final long PROBE_TTL_MILLIS = 60_000;

  private static final String PROBE_PREFIX = "redlocklab:probe:";
  private static final AtomicLong probeIds = new AtomicLong();

  /** Idle threads end after a while, so a lab that is done with faults is back to its threads. */
  private static final ExecutorService POOL = idleTimingOut(16, Duration.ofSeconds(10));

  private Probes() {}

  /** Runs {@code probe} on every item concurrently (probes may block for a timeout each). */
  static <T, R> List<R> inParallel(List<T> items, Function<T, R> probe) {
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(POOL.submit(() -> probe.apply(item)));
    }
    List<R> results = new ArrayList<>();
    try {
      for (Future<R> future : futures) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while probing", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime
          ? runtime
          : new HarnessException("probe failed: " + cause, cause);
    }
    return results;
  }

  /** A fresh probe key name. */
  static String probeKey(String nemesis) {
    return PROBE_PREFIX + nemesis + ":" + probeIds.incrementAndGet();
  }

  /** SET key with the probe TTL. */
  static SetParams probeTtl() {
    return SetParams.setParams().px(PROBE_TTL_MILLIS);
  }

  /** Round trip of one PING on a new connection, in nanoseconds; throws when it fails. */
  static long pingNanos(RedisNode endpoint, int timeoutMillis) {
    return minPingNanos(endpoint, timeoutMillis, 1);
  }

  /**
   * The fastest of {@code samples} PING round trips on one new connection (a noise-free baseline).
   */
  static long minPingNanos(RedisNode endpoint, int timeoutMillis, int samples) {
    try (Jedis jedis = Connections.open(endpoint, timeoutMillis)) {
      jedis.connect();
      long min = Long.MAX_VALUE;
      for (int i = 0; i < samples; i++) {
        long start = System.nanoTime();
        jedis.ping();
        min = Math.min(min, System.nanoTime() - start);
      }
      return min;
    }
  }

  /** The error a PING on a new connection gets, or null when it answered. */
  static String pingError(RedisNode endpoint, int timeoutMillis) {
    try (Jedis jedis = Connections.open(endpoint, timeoutMillis)) {
      jedis.ping();
      return null;
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** True when a PING on a new connection answers within {@code timeoutMillis}. */
  static boolean answers(RedisNode endpoint, int timeoutMillis) {
    return pingError(endpoint, timeoutMillis) == null;
  }

  /**
   * The links that answer a PING now. A link another fault already blocks (cut, paused node) cannot
   * show a second fault's effect, so verifications measure only these.
   */
  static List<Link> answering(List<Link> links) {
    List<Boolean> answers = inParallel(links, link -> answers(link.endpoint(), 1_000));
    List<Link> answering = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      if (answers.get(i)) {
        answering.add(links.get(i));
      }
    }
    return answering;
  }

  /** " (not measurable, already blocked: c0-n1)" when some links were left out, else "". */
  static String unmeasured(List<Link> all, List<Link> measured) {
    List<Link> left = all.stream().filter(link -> !measured.contains(link)).toList();
    return left.isEmpty()
        ? ""
        : " (not measurable, already blocked by another fault: "
            + String.join(", ", left.stream().map(Link::name).toList())
            + ")";
  }

  /** Polls until {@code endpoint} answers PING; false on timeout. */
  static boolean awaitAnswer(RedisNode endpoint, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (System.nanoTime() - deadline < 0) {
      if (answers(endpoint, 500)) {
        return true;
      }
      sleep(10);
    }
    return false;
  }

  /** The server's TIME in microseconds since the epoch. */
  static long serverTimeMicros(RedisNode endpoint) {
    try (Jedis jedis = Connections.open(endpoint, 2_000)) {
      List<String> time = jedis.time();
      return Long.parseLong(time.get(0)) * 1_000_000 + Long.parseLong(time.get(1));
    }
  }

  /**
   * A server clock's offset from this machine's wall clock, read at the midpoint of the {@code
   * TIME} round trip; {@code uncertaintyMicros} is half that round trip.
   */
  record ClockOffset(long offsetMicros, long uncertaintyMicros) {}

  static ClockOffset serverClockOffset(RedisNode endpoint) {
    try (Jedis jedis = Connections.open(endpoint, 2_000)) {
      long sentNanos = System.nanoTime();
      long sentWallMicros = System.currentTimeMillis() * 1000;
      List<String> time = jedis.time();
      long roundTripMicros = (System.nanoTime() - sentNanos) / 1000;
      long serverMicros = Long.parseLong(time.get(0)) * 1_000_000 + Long.parseLong(time.get(1));
      return new ClockOffset(
          serverMicros - (sentWallMicros + roundTripMicros / 2), roundTripMicros / 2);
    }
  }

  /** A field of INFO {@code section}, or "" when absent. */
  static String info(RedisNode endpoint, String section, String field) {
    try (Jedis jedis = Connections.open(endpoint, 2_000)) {
      for (String line : jedis.info(section).split("\r?\n")) {
        if (line.startsWith(field + ":")) {
          return line.substring(field.length() + 1).trim();
        }
      }
      return "";
    }
  }

  static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted", e);
    }
  }

  private static ExecutorService idleTimingOut(int threads, Duration keepAlive) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            keepAlive.toMillis(),
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory daemonThreads() {
    AtomicLong count = new AtomicLong();
    return runnable -> {
      Thread thread = new Thread(runnable, "nemesis-probe-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
