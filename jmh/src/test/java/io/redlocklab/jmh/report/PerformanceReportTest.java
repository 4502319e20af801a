package io.redlocklab.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceReportTest {

  private static final Path RESULTS = Path.of("results");

  /** Rows that describe where and how the report was written, not the results. */
  private static final List<String> ENVIRONMENT_ROWS =
      List.of("| Machine |", "| Compared |", "| Servers |", "| Command |", "| Load (`uptime`) |");

  @Test
  void theCommittedResultsRenderToTheCommittedSection() throws IOException {
    JmhResults results =
        JmhResults.read(RESULTS.resolve("jmh-result.json"), RESULTS.resolve("fairness.jsonl"));

    String rendered = new PerformanceMarkdown(results, Map.of()).render();

    assertThat(withoutEnvironment(rendered))
        .isEqualTo(withoutEnvironment(Files.readString(RESULTS.resolve("performance.md"))));
  }

  @Test
  void targetsThatWereNotRunAreSaidSo() {
    String rendered =
        new PerformanceMarkdown(new JmhResults(List.of(), List.of()), Map.of()).render();

    assertThat(rendered).contains("| ≤ 1.30 | – | not measured |").doesNotContain("### Contention");
  }

  private static List<String> withoutEnvironment(String markdown) {
    return markdown
        .lines()
        .filter(line -> ENVIRONMENT_ROWS.stream().noneMatch(line::startsWith))
        .toList();
  }

  /**
   * The reference rows of a smoke run (etcd, ZooKeeper, PostgreSQL at 1 ms) next to the committed
   * redlock-core rows (the committed reference rows left out): each gets its ratio against
   * redlock-core with as many servers.
   */
  @Test
  void referenceSystemsAreComparedWithRedlockOfAsManyServers() throws IOException {
    JmhResults committed =
        JmhResults.read(RESULTS.resolve("jmh-result.json"), RESULTS.resolve("fairness.jsonl"));
    JmhResults reference =
        JmhResults.read(Path.of("src/test/resources/reference-smoke.json"), Path.of("none"));
    List<JmhResults.Result> all =
        new java.util.ArrayList<>(
            committed.results.stream()
                .filter(r -> !r.benchmark.contains("ReferenceLockBenchmark"))
                .toList());
    all.addAll(reference.results);
    JmhResults both = new JmhResults(all, committed.fairness);

    List<PerformanceFigures.ReferenceCost> costs = new PerformanceFigures(both).referenceCosts();
    assertThat(costs)
        .extracting(PerformanceFigures.ReferenceCost::system)
        .containsExactly("etcd", "zookeeper", "postgres");
    assertThat(costs).extracting(PerformanceFigures.ReferenceCost::nodes).containsExactly(3, 3, 1);
    assertThat(costs).allSatisfy(c -> assertThat(c.median()).isPresent());
    String rendered = new PerformanceMarkdown(both, Map.of()).render();
    assertThat(rendered)
        .contains("### Reference systems against redlock-core with as many servers")
        .contains("| etcd | proxy, +1 ms | redlock N=3 |");
  }

  /** The committed full run has every system on both paths, each with a median ratio. */
  @Test
  void theCommittedRunComparesEverySystemOnBothPaths() throws IOException {
    JmhResults committed =
        JmhResults.read(RESULTS.resolve("jmh-result.json"), RESULTS.resolve("fairness.jsonl"));

    List<PerformanceFigures.ReferenceCost> costs =
        new PerformanceFigures(committed).referenceCosts();

    assertThat(costs)
        .extracting(PerformanceFigures.ReferenceCost::system)
        .containsExactly("etcd", "zookeeper", "postgres", "etcd", "zookeeper", "postgres");
    assertThat(costs)
        .extracting(PerformanceFigures.ReferenceCost::nodes)
        .containsExactly(3, 3, 1, 3, 3, 1);
    assertThat(costs).allSatisfy(c -> assertThat(c.median()).isPresent());
  }
}
