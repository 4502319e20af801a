package io.redlocklab.harness.cli;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import io.redlocklab.harness.report.AtomicFiles;
import io.redlocklab.harness.report.JUnitXml;
import io.redlocklab.harness.report.Matrix;
import io.redlocklab.harness.report.ReportWriter;
import io.redlocklab.harness.report.ResultsFile;
import io.redlocklab.harness.report.RunMetadata;
import io.redlocklab.harness.report.RunResults;
import io.redlocklab.harness.report.ScenarioSummary;
import io.redlocklab.harness.runner.CellResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code merge <shard-dir>...}: combines the results of every shard of one run ({@code run --shard
 * i/n}) into one results.json, junit.xml and REPORT.md, in the order a single run writes them.
 * Refuses (exit 2) shards of different suite versions, seeds, trials or shard counts, a missing or
 * repeated shard.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = "Combine the --out directories of every shard of a run into one report.")
final class MergeCommand implements Callable<Integer> {

  @Parameters(
      index = "0..*",
      arity = "1..*",
      paramLabel = "SHARD_DIR",
      description = "each shard's --out directory (holding its results.json and histories/)")
  List<Path> dirs;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "target/lab-merged",
      description = "merged results and histories go here (default: ${DEFAULT-VALUE})")
  Path out;

  @Mixin ReportOutputs outputs = new ReportOutputs();

  private final RedlockLab lab;

  MergeCommand(RedlockLab lab) {
    this.lab = lab;
  }

  @Override
  public Integer call() {
    List<RunResults> shards = new ArrayList<>();
    for (Path dir : dirs) {
      shards.add(ResultsFile.read(dir.resolve(ResultsFile.NAME)));
    }
    check(shards);
    Path junitFile = outputs.junitFile(out);
    Path reportFile = outputs.reportFile(out);
    outputs.checkWritable(out);
    RunResults first = shards.get(0);
    List<ScenarioSummary> scenarios = first.scenarios();
    List<CellResult> cells = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      for (CellResult cell : shards.get(i).cells()) {
        cells.add(copyHistory(dirs.get(i), cell));
      }
    }
    cells.sort(order(scenarios));
    Set<String> seen = new HashSet<>();
    for (CellResult cell : cells) {
      if (!seen.add(cell.scenario() + " × " + cell.mode() + " trial " + cell.trial())) {
        throw new InputException(
            "cannot merge: "
                + cell.scenario()
                + " × "
                + cell.mode()
                + " trial "
                + cell.trial()
                + " is in more than one shard; expected each shard's directory once");
      }
    }
    RunMetadata m = first.metadata();
    RunMetadata merged =
        new RunMetadata(
            m.command().replaceAll(" --shard[= ]\\S+", ""),
            m.suite(),
            shards.stream().map(s -> s.metadata().startedAt()).min(String::compareTo).orElse(""),
            shards.stream().mapToLong(s -> s.metadata().wallMillis()).max().orElse(0),
            m.seed(),
            m.backend(),
            m.environment(),
            m.suiteHash(),
            m.trials(),
            null);
    RunResults run = new RunResults(merged, scenarios, cells);
    ResultsFile.write(out.resolve(ResultsFile.NAME), run);
    Matrix matrix = Matrix.of(run);
    JUnitXml.write(junitFile, matrix);
    ReportWriter.write(reportFile, run, out);
    return lab.summarize(run, matrix, reportFile);
  }

  /** Every shard of one run, each once: same suite version, seeds, trials and shard count. */
  private void check(List<RunResults> shards) {
    RunMetadata first = shards.get(0).metadata();
    Set<Integer> indexes = new TreeSet<>();
    int count = 0;
    for (int i = 0; i < shards.size(); i++) {
      RunMetadata m = shards.get(i).metadata();
      String where = dirs.get(i) + " and " + dirs.get(0);
      if (m.interrupted() != null) {
        throw new InputException(
            "cannot merge "
                + dirs.get(i)
                + ": that run was "
                + m.interrupted().describe()
                + "; rerun that shard");
      }
      if (m.suiteHash() == null) {
        throw new InputException(
            "cannot merge " + dirs.get(i) + ": its results name no suite version; rerun it");
      }
      if (!m.suiteHash().equals(first.suiteHash())) {
        throw new InputException(
            "cannot merge "
                + where
                + ": different suite versions (the suite or scenario files"
                + " changed); rerun every shard from the same files");
      }
      if (!Objects.equals(m.seed(), first.seed())) {
        throw new InputException(
            "cannot merge "
                + where
                + ": different seeds (--seed "
                + m.seed()
                + " and "
                + first.seed()
                + ")");
      }
      if (!Objects.equals(m.trials(), first.trials())) {
        throw new InputException(
            "cannot merge "
                + where
                + ": different --trials ("
                + m.trials()
                + " and "
                + first.trials()
                + ")");
      }
      int[] shard = shard(m, dirs.get(i));
      if (i == 0) {
        count = shard[1];
      } else if (shard[1] != count) {
        throw new InputException(
            "cannot merge " + where + ": shards of " + shard[1] + " and of " + count + " parts");
      }
      if (!indexes.add(shard[0])) {
        throw new InputException(
            "cannot merge: shard " + shard[0] + "/" + count + " is given twice");
      }
    }
    for (int s = 1; s <= count; s++) {
      if (!indexes.contains(s)) {
        throw new InputException(
            "cannot merge: shard " + s + "/" + count + " is missing; expected every shard");
      }
    }
  }

  private static int[] shard(RunMetadata m, Path dir) {
    String text = m.shard() == null ? "1/1" : m.shard();
    String[] parts = text.split("/");
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (RuntimeException e) {
      throw new InputException(dir + ": shard '" + text + "' in its results; expected i/n");
    }
  }

  /** A single run's order: scenario by scenario, modes in the scenario's order, trial by trial. */
  private static Comparator<CellResult> order(List<ScenarioSummary> scenarios) {
    List<String> names = scenarios.stream().map(ScenarioSummary::name).toList();
    return Comparator.<CellResult>comparingInt(c -> names.indexOf(c.scenario()))
        .thenComparingInt(
            c -> {
              int s = names.indexOf(c.scenario());
              return s < 0 ? 0 : scenarios.get(s).modes().indexOf(c.mode());
            })
        .thenComparingInt(CellResult::trial);
  }

  /**
   * Copies a cell's history from its shard into the merged directory, under the same name; an
   * interrupted merge leaves the old file or the whole new one, never a part.
   */
  private CellResult copyHistory(Path shardDir, CellResult cell) {
    if (cell.historyFile() == null) {
      return cell;
    }
    Path source = shardDir.resolve(cell.historyFile());
    if (!Files.isRegularFile(source)) {
      return cell.withHistoryFile(null);
    }
    Path target = out.resolve(cell.historyFile());
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      if (!(Files.exists(target) && Files.isSameFile(source, target))) {
        AtomicFiles.write(target, copy -> Files.copy(source, copy));
      }
      return cell;
    } catch (IOException e) {
      throw new HarnessException("cannot copy " + source + ": " + e.getMessage(), e);
    }
  }
}
