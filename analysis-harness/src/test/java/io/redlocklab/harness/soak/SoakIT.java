package io.redlocklab.harness.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.runner.LocalScenarioRunner;
import io.redlocklab.testkit.RedisNodesExtension;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI soak (issue 16): the real soak for 2 minutes, seeded, against the soak's default modes. It
 * fails on any leak (a resource figure not back at its baseline within its tolerance), on any
 * counted violation or stale write accepted in the fenced mode, and on any segment that errored.
 */
class SoakIT {

  static final Duration LENGTH = Duration.ofMinutes(2);
  static final long SEED = 16;
  static final List<String> MODES = List.of("redlock-5", "redlock-5-fenced-quorum");

  @TempDir Path dir;

  @BeforeEach
  void setUp() {
    RedisNodesExtension.requireServers();
  }

  @Test
  void twoMinuteSoakLeaksNothingAndAcceptsNoStaleWrite() throws Exception {
    List<LockMode> modes = MODES.stream().map(id -> LockModes.find(id).orElseThrow()).toList();
    SoakRun.Settings settings =
        new SoakRun.Settings(
            LENGTH, SEED, modes, dir, Duration.ofSeconds(20), Duration.ofSeconds(30));
    PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    SoakRun.Result result =
        new SoakRun(new LocalScenarioRunner(), MonotonicClock.system(), log).run(settings);
    Path report = SoakReport.write(result);
    log.println("soak: report " + report + "\n" + Files.readString(report));

    assertThat(result.tallies()).extracting(SoakTally::mode).containsExactlyElementsOf(MODES);
    for (SoakTally tally : result.tallies()) {
      assertThat(tally.segments()).as(tally.mode() + " segments").isPositive();
      assertThat(tally.errors()).as(tally.mode() + " errored segments").isEmpty();
      assertThat(tally.faults()).as(tally.mode() + " faults injected").isPositive();
      assertThat(tally.leases()).as(tally.mode() + " leases").isPositive();
    }
    SoakTally fenced = result.tallies().get(1);
    assertThat(fenced.fenced()).isTrue();
    assertThat(fenced.staleWritesAccepted()).as("stale writes accepted (fenced)").isZero();
    assertThat(result.fencedViolations()).as("counted violations (fenced)").isZero();
    assertThat(result.samples().stream().filter(s -> s.phase().equals("during")))
        .as("samples during the soak")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(result.samples().stream().filter(s -> s.phase().equals(SoakRun.SEGMENT_END)))
        .as("one sample at the end of each segment's workload")
        .hasSize((int) result.segmentsRun());
    assertThat(result.leaked())
        .as(
            "leaks: "
                + result.figures().stream()
                    .filter(f -> !f.ok())
                    .map(f -> f.name() + " " + f.before() + " -> " + f.after())
                    .collect(Collectors.joining(", ")))
        .isFalse();
    assertThat(report).exists();
  }
}
