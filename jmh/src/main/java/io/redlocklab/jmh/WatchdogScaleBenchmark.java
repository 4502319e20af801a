package io.redlocklab.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.redlocklab.core.Lease;
import io.redlocklab.core.LeaseExpiredException;
import io.redlocklab.core.Redlock;
import io.redlocklab.core.RedlockConfig;
import io.redlocklab.core.RedlockListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The watchdog at scale: one client holds many watched leases on distinct resources (N=5, TTL 3 s,
 * 1 ms downstream latency toxic on every node's proxy, no fault) for a fixed time, and this
 * measures the renewals per second, the renewal lag, the threads and the leases lost. Not a JMH
 * benchmark: one long run with its own measurements, written as JSON.
 *
 * <p><b>Lag</b> of a renewal: the time since the lease's previous renewal (or its acquisition)
 * minus ttl/3, both taken when the client reports it ({@link RedlockListener#extended} and {@link
 * RedlockListener#acquired}). Positive is late. Only renewals after every lease is held count.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.redlocklab.jmh.WatchdogScaleBenchmark --duration 60s
 * java -cp jmh/target/benchmarks.jar io.redlocklab.jmh.WatchdogScaleBenchmark --smoke
 * </pre>
 *
 * Options: {@code --leases N} (default 10000; 1000 with {@code --smoke}), {@code --duration D}
 * ({@code 60s}, {@code 500ms}, {@code 2m}; default 60 s, 5 s with {@code --smoke}), {@code --out
 * FILE} (default {@code jmh/results/watchdog-scale.json}, {@code
 * jmh/target/smoke/watchdog-scale.json} with {@code --smoke}). Exit status 1 when a lease was lost.
 */
public final class WatchdogScaleBenchmark {

  static final int NODES = 5;
  static final int LATENCY_MS = 1;
  static final Duration TTL = Duration.ofSeconds(3);
  static final Duration TICK = TTL.dividedBy(3);
  static final int ACQUIRING_THREADS = 8;

  private WatchdogScaleBenchmark() {}

  record Settings(int leases, Duration duration, Path out, boolean smoke) {

    static Settings parse(String[] args) {
      boolean smoke = Arrays.asList(args).contains("--smoke");
      int leases = smoke ? 1_000 : 10_000;
      Duration duration = smoke ? Duration.ofSeconds(5) : Duration.ofSeconds(60);
      Path out =
          Path.of(
              smoke ? "jmh/target/smoke/watchdog-scale.json" : "jmh/results/watchdog-scale.json");
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--smoke")) {
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(option + " needs a value (see the class javadoc)");
        }
        String value = args[++i];
        switch (option) {
          case "--leases" -> leases = positive(option, value);
          case "--duration" -> duration = duration(value);
          case "--out" -> out = Path.of(value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option " + option + "; use --leases, --duration, --out or --smoke");
        }
      }
      return new Settings(leases, duration, out, smoke);
    }

    private static int positive(String option, String value) {
      try {
        int number = Integer.parseInt(value);
        if (number > 0) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + ": must be a positive integer, was " + value);
    }

    private static Duration duration(String value) {
      Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(value);
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw new IllegalArgumentException(
            "--duration: must be like 60s, 500ms or 2m, was " + value);
      }
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMinutes(amount);
      };
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("watchdog-scale: " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, Object> result = run(settings);
    Files.createDirectories(settings.out().toAbsolutePath().getParent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(settings.out().toFile(), result);
    System.out.println(summary(result) + "; wrote " + settings.out());
    System.exit(((Number) result.get("leasesLost")).intValue() == 0 ? 0 : 1);
  }

  static Map<String, Object> run(Settings settings) throws Exception {
    String loadBefore = loadAverage();
    Recorder recorder = new Recorder(settings.leases(), settings.duration());
    Map<String, Object> result = new LinkedHashMap<>();
    try (BenchCluster cluster = BenchCluster.start(NODES, LATENCY_MS, BenchCluster.Path.PROXY)) {
      RedlockConfig.Builder config =
          RedlockConfig.builder()
              .ttl(TTL)
              .nodeTimeout(BenchClients.NODE_TIMEOUT)
              .watchdog(true)
              .listener(recorder);
      cluster.endpoints().forEach(e -> config.node(e.getHost(), e.getPort()));
      Redlock client = Redlock.create(config.build());
      boolean closed = false;
      try {
        long acquireStart = System.nanoTime();
        List<Lease> leases = acquireAll(client, settings.leases());
        double acquireSeconds = (System.nanoTime() - acquireStart) / 1e9;

        long scriptCallsBefore = scriptCalls(cluster.endpoint(0));
        recorder.start();
        long start = System.nanoTime();
        ThreadCounts threads = ThreadCounts.sampleUntil(start + settings.duration().toNanos());
        recorder.stop();
        double seconds = (System.nanoTime() - start) / 1e9;
        long scriptCalls = scriptCalls(cluster.endpoint(0)) - scriptCallsBefore;
        long invalid = leases.stream().filter(lease -> !lease.isValid()).count();
        int lostWhileWatched = recorder.lost.get();
        client.close();
        closed = true;
        Thread.sleep(200);

        result.put("benchmark", "WatchdogScaleBenchmark");
        result.put("mode", settings.smoke() ? "smoke" : "full");
        result.put("leases", settings.leases());
        result.put("nodes", NODES);
        result.put("ttlMs", TTL.toMillis());
        result.put("tickMs", TICK.toMillis());
        result.put("latencyMsPerNode", LATENCY_MS);
        result.put("nodeTimeoutMs", BenchClients.NODE_TIMEOUT.toMillis());
        result.put("durationSeconds", round(seconds));
        result.put("acquireSeconds", round(acquireSeconds));
        result.put("renewals", recorder.renewals.get());
        result.put("renewalsPerSecond", round(recorder.renewals.get() / seconds));
        result.put("renewalLagMs", recorder.lagMillis());
        result.put("lagTargetP99Ms", TTL.toMillis() / 6);
        result.put("threads", threads.toMap());
        result.put("scriptCallsPerSecondOnNode0", round(scriptCalls / seconds));
        result.put("leasesLost", lostWhileWatched);
        result.put("leasesInvalidAtEnd", invalid);
        result.put("leasesLostAfterClose", recorder.lost.get() - lostWhileWatched);
        result.put("firstLoss", recorder.firstLoss.get());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("loadAverageBefore", loadBefore);
      } finally {
        if (!closed) {
          client.close();
        }
      }
    }
    result.put("loadAverageAfter", loadAverage());
    return result;
  }

  /** Acquires one lease per resource {@code watched-0 ..}, from a few threads at once. */
  private static List<Lease> acquireAll(Redlock client, int count)
      throws InterruptedException, ExecutionException {
    ExecutorService callers = Executors.newFixedThreadPool(ACQUIRING_THREADS);
    try {
      List<Future<Lease>> pending = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String resource = "watched-" + i;
        pending.add(callers.submit(() -> client.acquire(resource, Duration.ofSeconds(10))));
      }
      List<Lease> leases = new ArrayList<>(count);
      for (Future<Lease> lease : pending) {
        leases.add(lease.get());
      }
      return leases;
    } finally {
      callers.shutdownNow();
    }
  }

  /** Renewal intervals, renewals and losses, as the client reports them. */
  static final class Recorder implements RedlockListener {
    private final Map<Lease, Long> lastRenewal = new ConcurrentHashMap<>();
    private final long[] lags;
    private final AtomicInteger lagCount = new AtomicInteger();
    final AtomicInteger renewals = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();
    final AtomicReference<String> firstLoss = new AtomicReference<>();
    private volatile boolean recording;

    Recorder(int leases, Duration duration) {
      long ticks = duration.toNanos() / TICK.toNanos() + 3;
      this.lags = new long[(int) Math.min(Integer.MAX_VALUE - 8, leases * ticks)];
    }

    void start() {
      recording = true;
    }

    void stop() {
      recording = false;
    }

    @Override
    public void acquired(Lease lease) {
      lastRenewal.put(lease, System.nanoTime());
    }

    @Override
    public void extended(Lease lease) {
      long now = System.nanoTime();
      Long previous = lastRenewal.put(lease, now);
      if (!recording) {
        return;
      }
      renewals.incrementAndGet();
      if (previous != null) {
        int slot = lagCount.getAndIncrement();
        if (slot < lags.length) {
          lags[slot] = now - previous - TICK.toNanos();
        }
      }
    }

    @Override
    public void leaseLost(Lease lease, LeaseExpiredException reason) {
      lost.incrementAndGet();
      firstLoss.compareAndSet(null, reason.getMessage());
    }

    Map<String, Object> lagMillis() {
      long[] sorted = Arrays.copyOf(lags, Math.min(lagCount.get(), lags.length));
      Arrays.sort(sorted);
      Map<String, Object> lag = new LinkedHashMap<>();
      lag.put("samples", sorted.length);
      if (sorted.length > 0) {
        lag.put("min", millis(sorted[0]));
        lag.put("p50", millis(percentile(sorted, 0.50)));
        lag.put("p99", millis(percentile(sorted, 0.99)));
        lag.put("p999", millis(percentile(sorted, 0.999)));
        lag.put("max", millis(sorted[sorted.length - 1]));
      }
      return lag;
    }

    private static long percentile(long[] sorted, double quantile) {
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }
  }

  /**
   * The client's threads ({@code redlock-*}, of them {@code redlock-watchdog*} and {@code
   * redlock-io-*}), sampled once a second: the most seen at once and the last sample; and the JVM's
   * peak. Idle I/O threads left from the acquisitions live 60 s, so the last sample of a 60 s run
   * shows what renewing needs.
   */
  record ThreadCounts(int[] max, int[] last, int jvmPeak) {

    private static final String[] PREFIXES = {"redlock-", "redlock-watchdog", "redlock-io-"};

    static ThreadCounts sampleUntil(long deadlineNanos) throws InterruptedException {
      int[] max = new int[PREFIXES.length];
      int[] last;
      while (true) {
        last = new int[PREFIXES.length];
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
          for (int p = 0; p < PREFIXES.length; p++) {
            last[p] += thread.getName().startsWith(PREFIXES[p]) ? 1 : 0;
          }
        }
        for (int p = 0; p < PREFIXES.length; p++) {
          max[p] = Math.max(max[p], last[p]);
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        Thread.sleep(Math.max(1, Math.min(1_000, left / 1_000_000)));
      }
      return new ThreadCounts(max, last, ManagementFactory.getThreadMXBean().getPeakThreadCount());
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      String[] names = {"redlock", "watchdog", "io"};
      for (int p = 0; p < names.length; p++) {
        map.put(names[p] + "Max", max[p]);
        map.put(names[p] + "AtEnd", last[p]);
      }
      map.put("jvmPeak", jvmPeak);
      return map;
    }
  }

  private static long scriptCalls(HostAndPort node) {
    try (Jedis jedis = new Jedis(node, BenchClients.jedisConfig())) {
      return jedis
          .info("commandstats")
          .lines()
          .filter(line -> line.startsWith("cmdstat_evalsha:"))
          .map(line -> line.replaceFirst("^[^:]+:calls=(\\d+),.*$", "$1"))
          .mapToLong(Long::parseLong)
          .findFirst()
          .orElse(0);
    }
  }

  static String summary(Map<String, Object> result) {
    @SuppressWarnings("unchecked")
    Map<String, Object> lag = (Map<String, Object>) result.get("renewalLagMs");
    @SuppressWarnings("unchecked")
    Map<String, Object> threads = (Map<String, Object>) result.get("threads");
    return String.format(
        Locale.ROOT,
        "watchdog-scale: %s leases, N=%s, ttl %s ms, %s ms/node, %s s: %s renewals/s,"
            + " lag p50/p99/max %s/%s/%s ms (target p99 < %s), %s lost, threads redlock-* max %s"
            + " (watchdog %s), at end %s (io %s), %s script calls/s per node, load %s -> %s",
        result.get("leases"),
        result.get("nodes"),
        result.get("ttlMs"),
        result.get("latencyMsPerNode"),
        result.get("durationSeconds"),
        result.get("renewalsPerSecond"),
        lag.get("p50"),
        lag.get("p99"),
        lag.get("max"),
        result.get("lagTargetP99Ms"),
        result.get("leasesLost"),
        threads.get("redlockMax"),
        threads.get("watchdogMax"),
        threads.get("redlockAtEnd"),
        threads.get("ioAtEnd"),
        result.get("scriptCallsPerSecondOnNode0"),
        result.get("loadAverageBefore"),
        result.get("loadAverageAfter"));
  }

  /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double millis(long nanos) {
    return round(nanos / 1e6);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
