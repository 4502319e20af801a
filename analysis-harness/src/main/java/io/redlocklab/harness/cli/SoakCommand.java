package io.redlocklab.harness.cli;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.soak.ResourceCheck;
import io.redlocklab.harness.soak.SoakReport;
import io.redlocklab.harness.soak.SoakRun;
import io.redlocklab.harness.soak.SoakTally;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soak --minutes M --seed S --modes a,b|all}: loops seeded random fault mixes against the
 * modes, checks every segment's history and the lab's own resources, writes SOAK.md. Exit 1 when a
 * resource is not back at its baseline within its tolerance, or a fenced mode counted a violation.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = "Run a chaos soak: seeded random faults for M minutes, then a leak check.")
final class SoakCommand implements Callable<Integer> {

  @Option(names = "--minutes", paramLabel = "M", defaultValue = "2", description = "how long")
  double minutes;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "16", description = "the soak's seed")
  long seed;

  @Option(
      names = "--modes",
      paramLabel = "IDS",
      split = ",",
      defaultValue = "redlock-5,redlock-5-fenced-quorum",
      description =
          "lock modes, comma-separated, or 'all' for every mode (default: ${DEFAULT-VALUE})")
  List<String> modes;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "target/lab-soak",
      description = "segments, histories and SOAK.md go here (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--segment-seconds",
      paramLabel = "S",
      defaultValue = "20",
      description = "workload length of one segment (default: ${DEFAULT-VALUE})")
  int segmentSeconds;

  @Option(
      names = "--sample-seconds",
      paramLabel = "S",
      defaultValue = "60",
      description = "resource sampling interval (default: ${DEFAULT-VALUE})")
  int sampleSeconds;

  private final RedlockLab lab;

  SoakCommand(RedlockLab lab) {
    this.lab = lab;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (!(minutes > 0 && minutes <= 24 * 60)) {
      throw new InputException("--minutes must be in (0, 1440], was " + minutes);
    }
    if (segmentSeconds < 5 || segmentSeconds > 600) {
      throw new InputException("--segment-seconds must be in [5, 600], was " + segmentSeconds);
    }
    if (sampleSeconds < 1 || sampleSeconds > 3600) {
      throw new InputException("--sample-seconds must be in [1, 3600], was " + sampleSeconds);
    }
    List<LockMode> chosen = modes.equals(List.of("all")) ? LockModes.all() : named(modes);
    OutputPaths.directory("--out", out);
    OutputPaths.directory("--out", out.resolve("segments"));
    SoakRun.Settings settings =
        new SoakRun.Settings(
            Duration.ofMillis(Math.round(minutes * 60_000)),
            seed,
            chosen,
            out,
            Duration.ofSeconds(segmentSeconds),
            Duration.ofSeconds(sampleSeconds));
    SoakRun.Result result =
        new SoakRun(lab.runners.get(), MonotonicClock.system(), lab.err).run(settings);
    Path report = SoakReport.write(result);
    for (SoakTally tally : result.tallies()) {
      lab.out.printf(
          "%s: %d segments (%d errors), %d faults %s, %d leases, %d counted violations, %d stale"
              + " writes accepted, %d lost updates%n",
          tally.mode(),
          tally.segments(),
          tally.errors().size(),
          tally.faults(),
          tally.faultsByType(),
          tally.leases(),
          tally.violations(),
          tally.staleWritesAccepted(),
          tally.lostUpdates());
    }
    for (ResourceCheck.Figure figure : result.figures()) {
      lab.out.printf(
          "%s: before %d%s, after %d%s (tolerance +%d)%s%n",
          figure.name(),
          figure.before(),
          figure.unit(),
          figure.after(),
          figure.unit(),
          figure.tolerance(),
          figure.ok() ? "" : " LEAK");
    }
    lab.out.println("report: " + report);
    if (result.segmentsRun() == 0) {
      throw new HarnessException("the soak ran no segment: --minutes is too short");
    }
    return result.leaked() || result.fencedViolations() > 0 ? RedlockLab.DIFFERS : RedlockLab.OK;
  }

  private static List<LockMode> named(List<String> ids) {
    List<LockMode> chosen = new ArrayList<>();
    for (String id : ids) {
      chosen.add(
          LockModes.find(id)
              .orElseThrow(
                  () ->
                      new InputException(
                          "--modes: unknown mode '"
                              + id
                              + "'; expected 'all' or some of "
                              + LockModes.ids())));
    }
    return chosen;
  }
}
