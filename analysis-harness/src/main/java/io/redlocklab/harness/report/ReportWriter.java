package io.redlocklab.harness.report;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.JsonlHistory;
import io.redlocklab.harness.runner.CellResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes REPORT.md and, beside it in {@code report/}: one SVG timeline per scenario, one phase plot
 * per sweep ({@code <sweep>.phase.svg}), {@code results.csv}, {@code results.json} and the cells'
 * histories (gzipped when large), so that anyone can re-check the numbers and redraw the report
 * with {@code redlock-lab report report/}.
 */
public final class ReportWriter {

  /** Histories larger than this are gzipped next to the report. */
  static final long GZIP_ABOVE_BYTES = 256 * 1024;

  private ReportWriter() {}

  /**
   * @param reportFile where REPORT.md goes; {@code report/} is created beside it
   * @param results the run's results
   * @param resultsDir the directory the cells' {@code historyFile} paths are relative to
   * @return the results as written to {@code report/results.json} (history paths rewritten)
   */
  public static RunResults write(Path reportFile, RunResults results, Path resultsDir) {
    Path rawDir = rawDir(reportFile);
    try {
      Files.createDirectories(rawDir.resolve("histories"));
      List<CellResult> cells = new ArrayList<>();
      Map<CellResult, List<HistoryRecord>> histories = new HashMap<>();
      for (CellResult cell : results.cells()) {
        Path source = cell.historyFile() == null ? null : resultsDir.resolve(cell.historyFile());
        if (source == null || !Files.isRegularFile(source)) {
          cells.add(cell.withHistoryFile(null));
          continue;
        }
        String copied = copyHistory(source, rawDir);
        cells.add(cell.withHistoryFile(copied));
      }
      removeOtherHistories(rawDir, cells);
      RunResults written = new RunResults(results.metadata(), results.scenarios(), cells);
      Matrix matrix = Matrix.of(written);
      for (Matrix.Cell cell : matrix.cells()) {
        CellResult shown = cell.result();
        if (shown.historyFile() != null) {
          histories.put(shown, JsonlHistory.read(rawDir.resolve(shown.historyFile())));
        }
      }

      ResultsFile.write(rawDir.resolve(ResultsFile.NAME), written);
      AtomicFiles.writeString(rawDir.resolve("results.csv"), CsvMatrix.render(matrix));
      AtomicFiles.writeString(rawDir.resolve("cells.csv"), CsvMatrix.renderCells(matrix));
      for (ScenarioSummary scenario : matrix.scenarios()) {
        List<SvgTimeline.Lane> lanes = new ArrayList<>();
        for (Matrix.Cell cell : matrix.cells(scenario.name())) {
          lanes.add(
              new SvgTimeline.Lane(
                  cell.mode(),
                  Format.verdict(cell) + " · " + Format.numbers(cell.result()),
                  histories.get(cell.result())));
        }
        AtomicFiles.writeString(
            rawDir.resolve(scenario.name() + ".svg"), SvgTimeline.render(scenario.title(), lanes));
      }
      for (SvgPhasePlot.Sweep sweep : SvgPhasePlot.sweeps(matrix)) {
        AtomicFiles.writeString(
            rawDir.resolve(SvgPhasePlot.fileName(sweep.first().sweep())),
            SvgPhasePlot.render(sweep.title(), sweep));
      }
      AtomicFiles.writeString(
          reportFile,
          MarkdownReport.render(
                  written,
                  matrix,
                  reportFile.toAbsolutePath().getParent().relativize(rawDir.toAbsolutePath()))
              + PerformanceSection.beside(reportFile));
      return written;
    } catch (IOException e) {
      throw new HarnessException(
          "cannot write the report " + reportFile + ": " + e.getMessage(), e);
    }
  }

  /** {@code report/} beside the report file. */
  public static Path rawDir(Path reportFile) {
    Path parent = reportFile.toAbsolutePath().getParent();
    return parent.resolve("report");
  }

  /**
   * Deletes the histories in {@code rawDir/histories} that no cell of this report names (an earlier
   * run's), so that the directory holds exactly the histories the numbers come from.
   */
  private static void removeOtherHistories(Path rawDir, List<CellResult> cells) throws IOException {
    Set<Path> named = new HashSet<>();
    for (CellResult cell : cells) {
      if (cell.historyFile() != null) {
        named.add(rawDir.resolve(cell.historyFile()).normalize());
      }
    }
    try (Stream<Path> files = Files.list(rawDir.resolve("histories"))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        boolean history = name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
        if (history && !named.contains(file.normalize())) {
          Files.delete(file);
        }
      }
    }
  }

  /**
   * Copies (or gzips) a history into {@code rawDir/histories}; returns its path relative to rawDir.
   */
  private static String copyHistory(Path source, Path rawDir) throws IOException {
    String name = source.getFileName().toString();
    boolean gzip = !name.endsWith(".gz") && Files.size(source) > GZIP_ABOVE_BYTES;
    String target = "histories/" + name + (gzip ? ".gz" : "");
    Path targetPath = rawDir.resolve(target);
    if (Files.exists(targetPath) && Files.isSameFile(source, targetPath)) {
      return target;
    }
    AtomicFiles.write(
        targetPath,
        out -> {
          try (InputStream in = Files.newInputStream(source)) {
            if (gzip) {
              try (GZIPOutputStream zipped = new GZIPOutputStream(out)) {
                in.transferTo(zipped);
              }
            } else {
              in.transferTo(out);
            }
          }
        });
    Files.deleteIfExists(rawDir.resolve("histories/" + name + (gzip ? "" : ".gz")));
    return target;
  }
}
