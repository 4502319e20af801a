package io.redlocklab.harness.cli;

import io.redlocklab.harness.Errors;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import io.redlocklab.harness.report.Interruption;
import io.redlocklab.harness.report.Matrix;
import io.redlocklab.harness.report.RunResults;
import io.redlocklab.harness.report.TextMatrix;
import io.redlocklab.harness.runner.ScenarioRunner;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code run}, {@code list}, {@code report}, {@code merge}, {@code soak}. Exit
 * codes: 0 every cell as predicted, 1 at least one differs (each listed on stderr), the run failed
 * or its results are those of an interrupted run, 2 bad input (one line on stderr, no stack trace).
 */
@Command(
    name = "redlock-lab",
    mixinStandardHelpOptions = true,
    version = "redlock-lab 0.1",
    description =
        "Runs fault scenarios against lock modes on real Redis servers, checks the "
            + "histories and compares each cell with the outcome the theory predicts.",
    synopsisSubcommandLabel = "COMMAND")
public final class RedlockLab implements Runnable {

  public static final int OK = 0;
  public static final int DIFFERS = 1;
  public static final int BAD_INPUT = 2;

  final Supplier<ScenarioRunner> runners;
  final PrintStream out;
  final PrintStream err;
  final boolean terminal;

  /**
   * @param runners gives the runner, asked only when a {@code run} starts (tests pass a fake)
   * @param terminal true when stderr is a terminal: progress is rewritten in place
   */
  public RedlockLab(
      Supplier<ScenarioRunner> runners, PrintStream out, PrintStream err, boolean terminal) {
    this.runners = runners;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    RedlockLab lab =
        new RedlockLab(Runners::load, System.out, System.err, System.console() != null);
    System.exit(lab.execute(args));
  }

  /** Parses and runs {@code args}; returns the exit code. */
  public int execute(String... args) {
    CommandLine cli = commandLine();
    cli.registerConverter(Path.class, RedlockLab::path);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (e, badArgs) -> {
          err.println(
              "redlock-lab: "
                  + Errors.printable(String.valueOf(e.getMessage()).strip(), 300)
                  + " (see redlock-lab "
                  + commandName(e.getCommandLine())
                  + "--help)");
          return BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof InputException) {
            err.println("redlock-lab: " + Errors.oneLine(e));
            return BAD_INPUT;
          }
          if (e instanceof HarnessException) {
            err.println("redlock-lab: " + Errors.oneLine(e));
            return DIFFERS;
          }
          err.println("redlock-lab: internal error: " + e);
          e.printStackTrace(err);
          return DIFFERS;
        });
    return cli.execute(args);
  }

  /** The command tree, every subcommand and option (also read by tests that check the docs). */
  CommandLine commandLine() {
    return new CommandLine(this)
        .addSubcommand("run", new RunCommand(this))
        .addSubcommand("list", new ListCommand(this))
        .addSubcommand("report", new ReportCommand(this))
        .addSubcommand("merge", new MergeCommand(this))
        .addSubcommand("soak", new SoakCommand(this));
  }

  /**
   * Prints the matrix, where the report went, each differing cell and whether the run was
   * interrupted; returns the exit code (an interrupted run is never OK).
   */
  int summarize(RunResults run, Matrix matrix, Path reportFile) {
    out.print(TextMatrix.render(matrix));
    out.println("report: " + reportFile);
    for (Matrix.Cell cell : matrix.mismatches()) {
      err.println("differs: " + cell.describe());
    }
    Interruption interrupted = run.metadata().interrupted();
    if (interrupted != null) {
      err.println("incomplete: the run was " + interrupted.describe());
    }
    return matrix.mismatches().isEmpty() && interrupted == null ? OK : DIFFERS;
  }

  /** {@code redlock-lab} alone: the usage, as bad input. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "missing command: run, list, report, merge or soak");
  }

  /** A path argument; one that the file system cannot name is bad input, not an exception. */
  private static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException(
          "'" + Errors.printable(text, 200) + "' is not a path (" + e.getReason() + ")");
    }
  }

  private static String commandName(CommandLine commandLine) {
    return commandLine == null || commandLine.getParent() == null
        ? ""
        : commandLine.getCommandName() + " ";
  }
}
