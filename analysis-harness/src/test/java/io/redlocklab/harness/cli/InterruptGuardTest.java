package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.report.Interruption;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The hook's side is called directly here; InterruptedRunIT sends real signals. */
class InterruptGuardTest {

  private final List<Interruption> written = new CopyOnWriteArrayList<>();

  @Test
  void theHookInterruptsTheRunAndWaitsForItToWriteTheInterruptedResults() throws Exception {
    try (InterruptGuard guard = install()) {
      guard.phase("cell 2/3 s × m: workload and faults");
      Thread hook = new Thread(guard::onShutdown);
      hook.start();

      assertThatThrownBy(() -> Thread.sleep(10_000)).isInstanceOf(InterruptedException.class);
      Interruption expected =
          new Interruption("shutdown", "cell 2/3 s × m: workload and faults", 1, 3);
      assertThat(guard.interruption()).isEqualTo(expected);
      assertThat(hook.isAlive()).as("the hook waits for the run thread").isTrue();

      guard.writeInterrupted();
      assertThat(written).containsExactly(expected);
      hook.join(200);
      assertThat(hook.isAlive()).as("the hook waits for the run's end").isTrue();
      guard.close();
      hook.join(5_000);
      assertThat(hook.isAlive()).isFalse();
      assertThat(written).containsExactly(expected);
      assertThat(expected.describe())
          .isEqualTo(
              "interrupted by shutdown during cell 2/3 s × m: workload and faults after 1 of 3"
                  + " cells");
    }
  }

  @Test
  void aSignalAfterTheLastWriteLeavesTheRunComplete() throws Exception {
    try (InterruptGuard guard = install()) {
      guard.writeOutputs(() -> guard.phase("writing the report"));
      guard.onShutdown();

      assertThat(guard.interruption()).isNull();
      assertThat(Thread.interrupted()).as("run thread interrupted").isFalse();
      assertThat(written).isEmpty();
    }
  }

  @Test
  void phasesAreTracedOnlyWhenAsked() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
    try (InterruptGuard quiet = InterruptGuard.install(() -> new int[] {0, 1}, i -> {}, stream)) {
      quiet.phase("start-up");
    }
    System.setProperty(InterruptGuard.TRACE_PROPERTY, "true");
    try (InterruptGuard traced = InterruptGuard.install(() -> new int[] {0, 1}, i -> {}, stream)) {
      traced.phase("writing results");
    } finally {
      System.clearProperty(InterruptGuard.TRACE_PROPERTY);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("phase: writing results\n");
  }

  private InterruptGuard install() {
    return InterruptGuard.install(() -> new int[] {1, 3}, written::add, System.err);
  }
}
