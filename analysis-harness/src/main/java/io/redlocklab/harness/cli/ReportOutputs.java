package io.redlocklab.harness.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --report} and {@code --junit}, shared by {@code run} and {@code merge}. */
final class ReportOutputs {

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "where REPORT.md goes, with report/ beside it (default: DIR/REPORT.md)")
  Path report;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "JUnit XML (default: DIR/junit.xml)")
  Path junit;

  Path reportFile(Path out) {
    return report != null ? report : out.resolve("REPORT.md");
  }

  Path junitFile(Path out) {
    return junit != null ? junit : out.resolve("junit.xml");
  }

  /** Checks, before anything starts, that {@code out} and both files can be written. */
  void checkWritable(Path out) {
    OutputPaths.directory("--out", out);
    OutputPaths.file(junit != null ? "--junit" : "--out", junitFile(out));
    OutputPaths.report(report != null ? "--report" : "--out", reportFile(out));
  }
}
