package io.redlocklab.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The "Performance" section that {@code scripts/bench} writes to {@code
 * jmh/results/performance.md}: REPORT.md ends with it whenever it is there, so regenerating the
 * safety matrix keeps the benchmark figures (and {@code scripts/bench} replaces the section when it
 * reruns).
 */
final class PerformanceSection {

  static final String HEADING = "## Performance";

  private PerformanceSection() {}

  /** The section for a report written to {@code reportFile}, or "" when no benchmark was run. */
  static String beside(Path reportFile) throws IOException {
    Path section = reportFile.toAbsolutePath().getParent().resolve("jmh/results/performance.md");
    if (!Files.isRegularFile(section)) {
      return "";
    }
    String text = Files.readString(section).strip();
    return text.startsWith(HEADING) ? "\n" + text + "\n" : "";
  }
}
