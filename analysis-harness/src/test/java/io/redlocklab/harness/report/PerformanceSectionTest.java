package io.redlocklab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceSectionTest {

  @TempDir Path repo;

  @Test
  void endsTheReportWithTheBenchmarkSectionWhenThereIsOne() throws IOException {
    Files.createDirectories(repo.resolve("jmh/results"));
    Files.writeString(repo.resolve("jmh/results/performance.md"), "## Performance\n\n| a | b |\n");

    assertThat(PerformanceSection.beside(repo.resolve("REPORT.md")))
        .isEqualTo("\n## Performance\n\n| a | b |\n");
  }

  @Test
  void addsNothingWithoutABenchmarkRunOrWithAFileThatIsNotTheSection() throws IOException {
    assertThat(PerformanceSection.beside(repo.resolve("REPORT.md"))).isEmpty();

    Files.createDirectories(repo.resolve("jmh/results"));
    Files.writeString(repo.resolve("jmh/results/performance.md"), "something else");
    assertThat(PerformanceSection.beside(repo.resolve("REPORT.md"))).isEmpty();
  }
}
