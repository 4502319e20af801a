package io.redlocklab.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a benchmark run wrote: JMH's JSON result and the contention benchmark's fairness lines, read
 * as they are (no figure is computed here).
 */
final class JmhResults {

  final List<Result> results;
  final List<Fairness> fairness;

  JmhResults(List<Result> results, List<Fairness> fairness) {
    this.results = results;
    this.fairness = fairness;
  }

  /** Reads {@code json}; {@code fairness} may be null or missing (no contention lines). */
  static JmhResults read(Path json, Path fairness) throws IOException {
    List<Result> results = Result.readAll(new ObjectMapper().readTree(json.toFile()));
    return new JmhResults(
        results,
        fairness != null && Files.exists(fairness) ? Fairness.readAll(fairness) : List.of());
  }

  /** The first result of {@code benchmark} in {@code mode} whose params include {@code params}. */
  Optional<Result> find(String benchmark, String mode, Map<String, String> params) {
    return results.stream()
        .filter(r -> r.benchmark.equals(benchmark) && r.mode.equals(mode))
        .filter(
            r ->
                params.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(r.params.get(e.getKey()))))
        .findFirst();
  }

  /** The fairness line of one contention trial. */
  Optional<Fairness> fairnessOf(Result r) {
    return fairness.stream()
        .filter(x -> x.benchmark.equals(r.fullName) && x.params.equals(r.params))
        .findFirst();
  }

  /** One JMH result: a benchmark method in one mode with one parameter set. */
  static final class Result {
    final JsonNode node;
    final String fullName;
    final String benchmark;
    final String mode;
    final int threads;
    final Map<String, String> params;
    final double score;
    final double error;
    final String unit;

    Result(JsonNode node) {
      this.node = node;
      this.fullName = node.path("benchmark").asText();
      String[] parts = fullName.split("\\.");
      this.benchmark =
          parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : fullName;
      this.mode = node.path("mode").asText();
      this.threads = node.path("threads").asInt(1);
      Map<String, String> p = new TreeMap<>();
      node.path("params").fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asText()));
      this.params = p;
      JsonNode primary = node.path("primaryMetric");
      this.score = primary.path("score").asDouble(Double.NaN);
      this.error = primary.path("scoreError").asDouble(Double.NaN);
      this.unit = primary.path("scoreUnit").asText();
    }

    static List<Result> readAll(JsonNode root) {
      List<Result> out = new ArrayList<>();
      root.forEach(n -> out.add(new Result(n)));
      return out;
    }

    int intParam(String name, int otherwise) {
      String v = params.get(name);
      return v == null ? otherwise : Integer.parseInt(v);
    }

    /** Seconds per op for a time unit like {@code ms/op}, or ops per second for {@code ops/ms}. */
    private double perSecond() {
      String timeUnit =
          unit.contains("/op")
              ? unit.substring(0, unit.indexOf('/'))
              : unit.substring(unit.indexOf('/') + 1);
      return switch (timeUnit) {
        case "ns" -> 1e-9;
        case "us" -> 1e-6;
        case "ms" -> 1e-3;
        case "s" -> 1;
        case "min" -> 60;
        default -> throw new IllegalArgumentException("unknown unit " + unit);
      };
    }

    double toMicros(double v) {
      return v * perSecond() * 1e6;
    }

    double scoreMicros() {
      return toMicros(score);
    }

    double errorMicros() {
      return toMicros(error);
    }

    double percentileMicros(String p) {
      return toMicros(
          node.path("primaryMetric").path("scorePercentiles").path(p).asDouble(Double.NaN));
    }

    double opsPerSecond() {
      return score / perSecond();
    }

    double opsPerSecondError() {
      return error / perSecond();
    }

    long sampleCount() {
      long count = 0;
      for (JsonNode fork : node.path("primaryMetric").path("rawDataHistogram")) {
        for (JsonNode iteration : fork) {
          for (JsonNode bucket : iteration) {
            count += bucket.path(1).asLong();
          }
        }
      }
      return count;
    }

    double secondary(String name) {
      return node.path("secondaryMetrics").path(name).path("score").asDouble(Double.NaN);
    }

    /** A run setting JMH wrote beside every result (vmName, forks, warmupTime...). */
    JsonNode setting(String name) {
      return node.path(name);
    }
  }

  /** Per-thread wins of one contention trial. */
  record Fairness(String benchmark, Map<String, String> params, long[] wins) {

    static List<Fairness> readAll(Path file) {
      ObjectMapper mapper = new ObjectMapper();
      List<Fairness> out = new ArrayList<>();
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode n = mapper.readTree(line);
          Map<String, String> params = new TreeMap<>();
          n.path("params")
              .fields()
              .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
          long[] wins = new long[n.path("wins").size()];
          for (int i = 0; i < wins.length; i++) {
            wins[i] = n.path("wins").path(i).asLong();
          }
          out.add(new Fairness(n.path("benchmark").asText(), params, wins));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      return out;
    }
  }
}
