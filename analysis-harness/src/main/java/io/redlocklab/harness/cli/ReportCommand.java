package io.redlocklab.harness.cli;

import io.redlocklab.harness.report.Matrix;
import io.redlocklab.harness.report.ReportWriter;
import io.redlocklab.harness.report.ResultsFile;
import io.redlocklab.harness.report.RunResults;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code report <results-dir>}: redraws REPORT.md from a run's results.json; same exit codes as
 * run.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write REPORT.md from the results.json of an earlier run.")
final class ReportCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "RESULTS_DIR",
      description = "a run's --out directory, or the report/ directory beside a REPORT.md")
  Path dir;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "where REPORT.md goes (default: RESULTS_DIR/REPORT.md)")
  Path report;

  private final RedlockLab lab;

  ReportCommand(RedlockLab lab) {
    this.lab = lab;
  }

  @Override
  public Integer call() {
    RunResults results = ResultsFile.read(dir.resolve(ResultsFile.NAME));
    Path reportFile = report != null ? report : dir.resolve("REPORT.md");
    OutputPaths.report(report != null ? "--report" : "RESULTS_DIR", reportFile);
    ReportWriter.write(reportFile, results, dir);
    return lab.summarize(results, Matrix.of(results), reportFile);
  }
}
