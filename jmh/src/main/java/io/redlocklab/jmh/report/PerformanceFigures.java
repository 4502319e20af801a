package io.redlocklab.jmh.report;

import static io.redlocklab.jmh.report.PerformanceFigures.Kind.MEDIAN;
import static io.redlocklab.jmh.report.PerformanceFigures.Kind.THROUGHPUT;

import io.redlocklab.jmh.report.JmhResults.Fairness;
import io.redlocklab.jmh.report.JmhResults.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The figures the performance section shows, computed from one run's results: the target ratios,
 * where N=1's time goes, how the fan-out scales, every measurement, the cost of fencing and the
 * contention rows. Nothing here is formatted.
 */
final class PerformanceFigures {

  static final String AR = "AcquireReleaseBenchmark.acquireRelease";
  static final String DIRECT = "DirectPathBenchmark";
  static final String FENCING = "FencingBenchmark.quorumFencing";
  static final String FENCING_CLOCK_FLOOR = "FencingBenchmark.quorumFencingClockFloor";
  static final String CONTENTION = "ContentionBenchmark";
  static final String MANY = "ManyResourcesBenchmark.acquireRelease";
  static final String WATCHDOG = "RedissonWatchdogBenchmark.redLockWithWatchdog";
  static final String REFERENCE = "ReferenceLockBenchmark.acquireRelease";
  static final List<String> SYSTEMS = List.of("etcd", "zookeeper", "postgres");
  static final List<String> VARIANTS = List.of("floor", "redlock", "sequential", "redisson");

  /** The two network paths every proxied benchmark runs on: no toxic and +1 ms. */
  static final List<Integer> LATENCIES = List.of(0, 1);

  private final JmhResults jmh;

  PerformanceFigures(JmhResults jmh) {
    this.jmh = jmh;
  }

  /** A ratio of two scores; {@code error} is NaN when JMH gives none (percentiles). */
  record Ratio(double value, double error) {}

  /** A goal for one ratio; {@code measured} is empty when a side was not run. */
  record Target(String what, String goal, Optional<Ratio> measured, Predicate<Ratio> meets) {

    Optional<Boolean> met() {
      return measured.map(meets::test);
    }
  }

  /** Median latencies in µs at N=1 on one path. */
  record N1Medians(int latencyMs, double floor, double sequential, double redlock) {}

  /** Median latency of N=3 and N=5 relative to N=1 of the same variant on one path. */
  record Scaling(String variant, int latencyMs, Optional<Ratio> three, Optional<Ratio> five) {}

  /** One benchmark and parameter set, with its SampleTime and Throughput results. */
  record Measured(Result result, Optional<Result> sample, Optional<Result> throughput) {}

  /**
   * A reference system's lock against redlock-core with as many servers (etcd and ZooKeeper: N=3,
   * PostgreSQL: N=1) on one path: median system / redlock, throughput redlock / system.
   */
  record ReferenceCost(
      String system,
      int nodes,
      int latencyMs,
      Optional<Ratio> median,
      Optional<Ratio> throughput) {}

  /** Quorum fencing against none at N=5 on one path. */
  record FencingCost(int latencyMs, Optional<Ratio> median, Optional<Ratio> throughput) {}

  /**
   * One contention trial: {@code won} is acquired / (acquired + refused) of its attempts, NaN
   * without any.
   */
  record Contention(Result result, double won, Optional<Fairness> fairness) {

    double pairsPerSecond() {
      return result.opsPerSecond() * won;
    }

    double pairsPerSecondError() {
      return result.opsPerSecondError() * won;
    }
  }

  /** The goals of jmh/README.md, in the order the report lists them. */
  List<Target> targets() {
    return List.of(
        atMost(
            "N=5 / N=1 acquire+release median latency, 1 ms per node (redlock-core)",
            "1.30",
            ratio(MEDIAN, AR, cell("redlock", 5, 1), AR, cell("redlock", 1, 1))),
        atLeast(
            "Throughput redlock-core / RedissonRedLock, N=5, 1 ms per node",
            "2.0",
            ratio(THROUGHPUT, AR, cell("redlock", 5, 1), AR, cell("redisson", 5, 1))),
        atLeast(
            "… the same against RedissonRedLock `tryLock()` with its watchdog (no PEXPIRE pass)",
            "2.0",
            ratio(THROUGHPUT, AR, cell("redlock", 5, 1), WATCHDOG, params(5, 1))),
        atMost(
            "N=1 / floor median latency, proxy path without toxics",
            "1.15",
            ratio(MEDIAN, AR, cell("redlock", 1, 0), AR, cell("floor", 1, 0))),
        atMost(
            "N=1 / floor median latency, proxy path with 1 ms",
            "1.15",
            ratio(MEDIAN, AR, cell("redlock", 1, 1), AR, cell("floor", 1, 1))),
        atMost(
            "N=1 / floor median latency, direct loopback (no proxy)",
            "1.15",
            ratio(MEDIAN, DIRECT + ".redlock", Map.of(), DIRECT + ".floor", Map.of())),
        atMost(
            "N=5 / raw fan-out floor median latency, proxy path without toxics",
            "1.25",
            ratio(MEDIAN, AR, cell("redlock", 5, 0), AR, cell("floor", 5, 0))),
        atLeast(
            "Throughput redlock-core / RedissonRedLock, 64 threads on 1,000 resources, N=5, proxy"
                + " path without toxics",
            "3.0",
            ratio(THROUGHPUT, MANY, many("redlock", 0), MANY, many("redisson", 0))),
        atLeast(
            "… the same with 1 ms per node",
            "3.0",
            ratio(THROUGHPUT, MANY, many("redlock", 1), MANY, many("redisson", 1))));
  }

  static Map<String, String> many(String variant, int latencyMs) {
    return Map.of("variant", variant, "latencyMs", Integer.toString(latencyMs));
  }

  private static Target atMost(String what, String limit, Optional<Ratio> measured) {
    double max = Double.parseDouble(limit);
    return new Target(what, "≤ " + limit, measured, r -> r.value <= max);
  }

  private static Target atLeast(String what, String limit, Optional<Ratio> measured) {
    double min = Double.parseDouble(limit);
    return new Target(what, "≥ " + limit, measured, r -> r.value >= min);
  }

  /** The paths on which floor, sequential and redlock-core all ran at N=1. */
  List<N1Medians> n1Medians() {
    List<N1Medians> rows = new ArrayList<>();
    for (int latency : LATENCIES) {
      Optional<Result> floor = jmh.find(AR, "sample", cell("floor", 1, latency));
      Optional<Result> sequential = jmh.find(AR, "sample", cell("sequential", 1, latency));
      Optional<Result> redlock = jmh.find(AR, "sample", cell("redlock", 1, latency));
      if (floor.isPresent() && sequential.isPresent() && redlock.isPresent()) {
        rows.add(
            new N1Medians(
                latency,
                floor.get().percentileMicros("50.0"),
                sequential.get().percentileMicros("50.0"),
                redlock.get().percentileMicros("50.0")));
      }
    }
    return rows;
  }

  /** Per variant and path, where N=3 or N=5 ran. */
  List<Scaling> scaling() {
    List<Scaling> rows = new ArrayList<>();
    for (String variant : VARIANTS) {
      for (int latency : LATENCIES) {
        Optional<Ratio> three =
            ratio(MEDIAN, AR, cell(variant, 3, latency), AR, cell(variant, 1, latency));
        Optional<Ratio> five =
            ratio(MEDIAN, AR, cell(variant, 5, latency), AR, cell(variant, 1, latency));
        if (three.isPresent() || five.isPresent()) {
          rows.add(new Scaling(variant, latency, three, five));
        }
      }
    }
    return rows;
  }

  /** Every uncontended benchmark and parameter set once, by path, N and variant. */
  List<Measured> measurements() {
    List<Measured> rows = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Result r : sorted()) {
      if (r.benchmark.startsWith(CONTENTION) || !seen.add(r.benchmark + r.params)) {
        continue;
      }
      rows.add(
          new Measured(
              r,
              jmh.find(r.benchmark, "sample", r.params),
              jmh.find(r.benchmark, "thrpt", r.params)));
    }
    return rows;
  }

  /** Per path where either ratio could be taken. */
  List<FencingCost> fencingCosts() {
    List<FencingCost> rows = new ArrayList<>();
    for (int latency : LATENCIES) {
      Optional<Ratio> median =
          ratio(MEDIAN, FENCING, params(5, latency), AR, cell("redlock", 5, latency));
      Optional<Ratio> thrpt =
          ratio(THROUGHPUT, AR, cell("redlock", 5, latency), FENCING, params(5, latency));
      if (median.isPresent() || thrpt.isPresent()) {
        rows.add(new FencingCost(latency, median, thrpt));
      }
    }
    return rows;
  }

  /** The reference systems' rows that were run, by path and then system. */
  List<ReferenceCost> referenceCosts() {
    List<ReferenceCost> rows = new ArrayList<>();
    for (int latency : LATENCIES) {
      for (String system : SYSTEMS) {
        int nodes = system.equals("postgres") ? 1 : 3;
        Map<String, String> own = Map.of("system", system, "latencyMs", Integer.toString(latency));
        Optional<Ratio> median = ratio(MEDIAN, REFERENCE, own, AR, cell("redlock", nodes, latency));
        Optional<Ratio> thrpt =
            ratio(THROUGHPUT, AR, cell("redlock", nodes, latency), REFERENCE, own);
        if (median.isPresent() || thrpt.isPresent()) {
          rows.add(new ReferenceCost(system, nodes, latency, median, thrpt));
        }
      }
    }
    return rows;
  }

  /** The contention trials (Throughput), by parameters and then threads. */
  List<Contention> contention() {
    return jmh.results.stream()
        .filter(r -> r.benchmark.startsWith(CONTENTION) && r.mode.equals("thrpt"))
        .sorted(
            (a, b) ->
                a.params.toString().equals(b.params.toString())
                    ? Integer.compare(a.threads, b.threads)
                    : a.params.toString().compareTo(b.params.toString()))
        .map(
            r -> {
              double acquired = r.secondary("acquired");
              double refused = r.secondary("refused");
              double won = acquired + refused > 0 ? acquired / (acquired + refused) : Double.NaN;
              return new Contention(r, won, jmh.fairnessOf(r));
            })
        .toList();
  }

  static long minWins(Fairness f) {
    return Arrays.stream(f.wins()).min().orElse(0);
  }

  static long maxWins(Fairness f) {
    return Arrays.stream(f.wins()).max().orElse(0);
  }

  /** Jain's index (Σx)²/(n·Σx²) of the per-thread wins; NaN when nobody won. */
  static double jain(Fairness f) {
    double sum = 0;
    double squares = 0;
    for (long w : f.wins()) {
      sum += w;
      squares += (double) w * w;
    }
    return squares == 0 ? Double.NaN : sum * sum / (f.wins().length * squares);
  }

  /** The two ratios the report takes: of median latencies and of throughputs. */
  enum Kind {
    /** Median latency over median latency (SampleTime); JMH gives no error for percentiles. */
    MEDIAN("sample"),
    /** Throughput over throughput, the relative errors combined in quadrature. */
    THROUGHPUT("thrpt");

    final String mode;

    Kind(String mode) {
      this.mode = mode;
    }

    Ratio of(Result num, Result den) {
      if (this == MEDIAN) {
        return new Ratio(num.percentileMicros("50.0") / den.percentileMicros("50.0"), Double.NaN);
      }
      double value = num.score / den.score;
      double relative =
          Math.sqrt(Math.pow(num.error / num.score, 2) + Math.pow(den.error / den.score, 2));
      return new Ratio(value, value * relative);
    }
  }

  /** {@code kind} of ratio of the numerator's result over the denominator's; empty without both. */
  Optional<Ratio> ratio(
      Kind kind,
      String numBench,
      Map<String, String> numParams,
      String denBench,
      Map<String, String> denParams) {
    Optional<Result> num = jmh.find(numBench, kind.mode, numParams);
    Optional<Result> den = jmh.find(denBench, kind.mode, denParams);
    if (num.isEmpty() || den.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(kind.of(num.get(), den.get()));
  }

  private List<Result> sorted() {
    List<Result> copy = new ArrayList<>(jmh.results);
    copy.sort(
        (a, b) -> {
          int byPath = Integer.compare(pathRank(a), pathRank(b));
          if (byPath != 0) {
            return byPath;
          }
          int byNodes = Integer.compare(a.intParam("nodes", 1), b.intParam("nodes", 1));
          return byNodes != 0 ? byNodes : Integer.compare(rank(a), rank(b));
        });
    return copy;
  }

  private static int rank(Result r) {
    List<String> order = new ArrayList<>();
    VARIANTS.forEach(v -> order.add(AR + "/" + v));
    order.addAll(
        List.of(WATCHDOG, FENCING, FENCING_CLOCK_FLOOR, DIRECT + ".floor", DIRECT + ".redlock"));
    String key = r.benchmark.equals(AR) ? AR + "/" + r.params.get("variant") : r.benchmark;
    int i = order.indexOf(key);
    return i < 0 ? order.size() : i;
  }

  private static int pathRank(Result r) {
    return r.benchmark.startsWith(DIRECT) ? 9 : r.intParam("latencyMs", 0);
  }

  static Map<String, String> params(int nodes, int latencyMs) {
    return Map.of("nodes", Integer.toString(nodes), "latencyMs", Integer.toString(latencyMs));
  }

  static Map<String, String> cell(String variant, int nodes, int latencyMs) {
    return Map.of(
        "variant",
        variant,
        "nodes",
        Integer.toString(nodes),
        "latencyMs",
        Integer.toString(latencyMs));
  }
}
