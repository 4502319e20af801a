package io.redlocklab.harness.cli;

import io.redlocklab.harness.Errors;
import io.redlocklab.harness.InputException;
import io.redlocklab.harness.report.JUnitXml;
import io.redlocklab.harness.report.Matrix;
import io.redlocklab.harness.report.ReportWriter;
import io.redlocklab.harness.report.ResultsFile;
import io.redlocklab.harness.report.RunMetadata;
import io.redlocklab.harness.report.RunResults;
import io.redlocklab.harness.report.ScenarioSummary;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.runner.ProgressListener;
import io.redlocklab.harness.runner.RunOptions;
import io.redlocklab.harness.runner.ScenarioRunner;
import io.redlocklab.harness.runner.Shard;
import io.redlocklab.harness.scenario.ScenarioLoader;
import io.redlocklab.harness.scenario.Suite;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run <scenario-or-suite>}: validates every cell first (nothing starts on bad input), runs
 * each trial of each cell (or this shard's part of them) one by one or {@code --parallel P} at
 * once, writes histories, results.json/csv, junit.xml and the report, prints the matrix. On Ctrl-C
 * or SIGTERM (see {@link InterruptGuard}) it stops the running cell and writes only results.json,
 * marked interrupted, with the cells completed so far.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a scenario or suite file and write the report.")
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "a scenario (*.yaml) or suite (*.suite.yaml) file")
  Path file;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "replace every scenario's seed (replays a run)")
  Long seed;

  @Option(
      names = "--trials",
      paramLabel = "K",
      description =
          "independent trials per cell, fresh servers and a derived seed each (overrides the"
              + " suite's and the scenarios' trials:, default 1)")
  Integer trials;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description =
          "run only the I-th of N balanced parts of the cells' trials; combine the parts with"
              + " 'merge'")
  String shard;

  @Option(
      names = "--parallel",
      paramLabel = "P",
      description =
          "run up to P cell trials at once, each on its own servers (default 1: one after"
              + " another); on a machine short of cores this can move timing-sensitive verdicts")
  Integer parallel;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "target/lab-run",
      description = "histories and results go here (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--backend",
      paramLabel = "NAME",
      defaultValue = "local",
      description = "local or testcontainers (default: ${DEFAULT-VALUE})")
  String backend;

  @Mixin ReportOutputs outputs = new ReportOutputs();

  /** More cells at once than this gain nothing on any machine this lab runs on. */
  static final int MAX_PARALLEL = 8;

  private final RedlockLab lab;

  RunCommand(RedlockLab lab) {
    this.lab = lab;
  }

  @Override
  public Integer call() {
    if (!RunOptions.BACKENDS.contains(backend)) {
      throw new InputException(
          "--backend must be one of "
              + String.join(", ", RunOptions.BACKENDS)
              + ", was '"
              + backend
              + "'");
    }
    if (trials != null && (trials < 1 || trials > Suite.MAX_TRIALS)) {
      throw new InputException(
          "--trials " + trials + ": expected a whole number from 1 to " + Suite.MAX_TRIALS);
    }
    if (parallel != null && (parallel < 1 || parallel > MAX_PARALLEL)) {
      throw new InputException(
          "--parallel " + parallel + ": expected a whole number from 1 to " + MAX_PARALLEL);
    }
    int cellsAtOnce = parallel == null ? 1 : parallel;
    Shard part = shard == null ? Shard.ALL : Shard.parse(shard);
    Suite suite = ScenarioLoader.load(file);
    if (trials != null) {
      suite = suite.withTrials(trials);
    }
    Path junitFile = outputs.junitFile(out);
    Path reportFile = outputs.reportFile(out);
    outputs.checkWritable(out);
    OutputPaths.directory("--out", out.resolve("histories"));
    RunOptions options = new RunOptions(seed, out, backend);
    ScenarioRunner runner = lab.runners.get();
    for (Suite.Cell cell : suite.cells()) {
      runner.check(cell.scenario(), cell.mode(), options);
    }
    List<Shard.Unit> units = part.select(Shard.units(suite));

    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    List<ScenarioSummary> scenarios = new ArrayList<>();
    for (Suite.Entry entry : suite.entries()) {
      scenarios.add(
          ScenarioSummary.of(
              entry.scenario(), entry.modes(), options.baseSeedFor(entry.scenario())));
    }
    Map<String, String> environment = environment(runner);
    UnitResults results = new UnitResults(units.size());
    Suite asRun = suite;
    Path resultsFile = out.resolve(ResultsFile.NAME);
    InterruptGuard.ResultsWriter writeInterrupted =
        interruption ->
            ResultsFile.write(
                resultsFile,
                new RunResults(
                    metadata(asRun, environment, part, started, startNanos)
                        .withInterruption(interruption),
                    scenarios,
                    results.inOrder()));
    try (InterruptGuard guard =
        InterruptGuard.install(
            () -> new int[] {results.size(), units.size()}, writeInterrupted, lab.err)) {
      ConsoleProgress progress =
          new ConsoleProgress(lab.err, lab.terminal, units.size(), cellsAtOnce);
      IntConsumer runUnit =
          i -> {
            Shard.Unit unit = units.get(i);
            Suite.Cell cell = unit.cell();
            String label = label(i, units.size(), unit);
            guard.phase(label);
            ConsoleProgress.Running running = progress.start(cell, unit.trial());
            ProgressListener listener = phases(running, guard, label);
            CellResult result = runCell(runner, cell, options.withTrial(unit.trial()), listener);
            if (guard.interruption() != null) {
              return; // a cell cut short by the signal is not a result
            }
            running.finish(result, cell.scenario().prediction(cell.mode()));
            results.set(i, result);
          };
      try {
        if (cellsAtOnce == 1) {
          for (int i = 0; i < units.size() && guard.interruption() == null; i++) {
            runUnit.accept(i);
          }
        } else {
          ParallelCells.run(units.size(), cellsAtOnce, runUnit, guard::interruption);
        }
        RunResults complete =
            new RunResults(
                metadata(suite, environment, part, started, startNanos),
                scenarios,
                results.inOrder());
        Matrix matrix = Matrix.of(complete);
        if (guard.interruption() == null) {
          guard.writeOutputs(
              () -> {
                guard.phase("writing results");
                ResultsFile.write(resultsFile, complete);
                JUnitXml.write(junitFile, matrix);
                guard.phase("writing the report");
                ReportWriter.write(reportFile, complete, out);
              });
        }
        if (guard.interruption() == null) {
          return lab.summarize(complete, matrix, reportFile);
        }
      } catch (RuntimeException e) {
        if (guard.interruption() == null) {
          throw e;
        }
      }
      guard.writeInterrupted();
      lab.err.println(
          (lab.terminal ? "\r\033[K" : "")
              + "redlock-lab: "
              + guard.interruption().describe()
              + "; results so far: "
              + resultsFile);
      return RedlockLab.DIFFERS;
    }
  }

  /** The phase name of unit {@code i} of {@code n}: {@code cell 2/4 scenario × mode [trial k]}. */
  private static String label(int i, int n, Shard.Unit unit) {
    Suite.Cell cell = unit.cell();
    return "cell "
        + (i + 1)
        + "/"
        + n
        + " "
        + cell.scenario().name()
        + " × "
        + cell.mode().id()
        + (cell.trials() > 1 ? " trial " + (unit.trial() + 1) : "");
  }

  /** Passes progress on and records the runner's phases of the cell {@code label}. */
  private static ProgressListener phases(
      ProgressListener progress, InterruptGuard guard, String label) {
    return new ProgressListener() {
      @Override
      public void update(long cycles, long violations) {
        progress.update(cycles, violations);
      }

      @Override
      public void phase(String phase) {
        guard.phase(label + ": " + phase);
      }
    };
  }

  /** The results of the units so far, kept in unit order whatever order they finish in. */
  private static final class UnitResults {
    private final CellResult[] byUnit;

    UnitResults(int units) {
      byUnit = new CellResult[units];
    }

    synchronized void set(int unit, CellResult result) {
      byUnit[unit] = result;
    }

    synchronized int size() {
      return inOrder().size();
    }

    synchronized List<CellResult> inOrder() {
      return Arrays.stream(byUnit).filter(Objects::nonNull).toList();
    }
  }

  private RunMetadata metadata(
      Suite suite, Map<String, String> environment, Shard part, Instant started, long startNanos) {
    return new RunMetadata(
        command(),
        file.toString().replace('\\', '/'),
        started.truncatedTo(ChronoUnit.SECONDS).toString(),
        (System.nanoTime() - startNanos) / 1_000_000,
        seed,
        backend,
        environment,
        SuiteHash.of(suite),
        trials,
        shard == null ? null : part.toString());
  }

  /** A cell that throws is recorded as failed; bad input still stops the run. */
  private static CellResult runCell(
      ScenarioRunner runner, Suite.Cell cell, RunOptions options, ProgressListener listener) {
    long start = System.nanoTime();
    try {
      return runner.run(cell.scenario(), cell.mode(), options, listener);
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      return CellResult.failed(
              cell.scenario().name(),
              cell.mode().id(),
              options.seedFor(cell.scenario()),
              Errors.oneLine(e),
              null,
              (System.nanoTime() - start) / 1_000_000)
          .withTrial(options.trial());
    }
  }

  private String command() {
    List<String> words = new ArrayList<>(List.of("scripts/lab"));
    for (String arg : spec.commandLine().getParseResult().originalArgs()) {
      words.add(arg.matches("[A-Za-z0-9_./=:@+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    if (!words.contains("run")) {
      words.add(1, "run");
    }
    return String.join(" ", words);
  }

  private static Map<String, String> environment(ScenarioRunner runner) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    environment.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    environment.put("max heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    environment.putAll(runner.environment());
    return environment;
  }
}
