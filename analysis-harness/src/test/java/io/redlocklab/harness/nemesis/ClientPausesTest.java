package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.history.HistoryRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ClientPausesTest {

  private final List<HistoryRecord> history = new CopyOnWriteArrayList<>();
  private final ClientPauses pauses = new ClientPauses(history::add, MonotonicClock.system());

  @Test
  void doesNothingWhenNotArmed() {
    long start = System.nanoTime();
    pauses.checkpoint(0, PausePoint.AFTER_ACQUIRE);

    assertThat(System.nanoTime() - start).isLessThan(5_000_000L);
    assertThat(history).isEmpty();
  }

  @Test
  void pausesAnArmedClientOncePerWindowAndRecordsIt() {
    ClientPauses.Arm arm = pauses.arm("client-pause", List.of(1), PausePoint.BEFORE_RELEASE, 50);

    long start = System.nanoTime();
    pauses.checkpoint(1, PausePoint.BEFORE_RELEASE);
    long paused = System.nanoTime() - start;
    pauses.checkpoint(1, PausePoint.BEFORE_RELEASE); // once per window
    pauses.checkpoint(0, PausePoint.BEFORE_RELEASE); // not armed
    pauses.checkpoint(1, PausePoint.AFTER_ACQUIRE); // other point
    long total = System.nanoTime() - start;
    arm.disarm();

    assertThat(paused).isGreaterThanOrEqualTo(50_000_000L);
    assertThat(total).isLessThan(paused + 40_000_000L);
    assertThat(arm.taken()).isEqualTo(1);
    assertThat(history).extracting(HistoryRecord::op).containsOnly("client-pause");
    assertThat(history).extracting(HistoryRecord::process).containsOnly(HistoryRecord.NEMESIS);
    assertThat(history)
        .extracting(HistoryRecord::detail)
        .hasSize(2)
        .satisfies(
            details -> {
              assertThat(details.get(0)).isEqualTo("client 1 paused at before-release for 50 ms");
              assertThat(details.get(1)).startsWith("client 1 resumed at before-release after ");
            });
    assertThat(history.get(1).timeNanos() - history.get(0).timeNanos())
        .isGreaterThanOrEqualTo(50_000_000L);
  }

  @Test
  void disarmedClientsGoOnWithoutPause() {
    pauses.arm("client-pause", List.of(0), PausePoint.DURING_ACQUIRE, 5_000).disarm();

    long start = System.nanoTime();
    pauses.checkpoint(0, PausePoint.DURING_ACQUIRE);

    assertThat(System.nanoTime() - start).isLessThan(100_000_000L);
    assertThat(history).isEmpty();
  }

  @Test
  void anInterruptEndsThePauseAndStaysSet() {
    pauses.arm("client-pause", List.of(0), PausePoint.AFTER_ACQUIRE, 5_000);
    Thread.currentThread().interrupt();

    pauses.checkpoint(0, PausePoint.AFTER_ACQUIRE);

    assertThat(Thread.interrupted()).isTrue();
    assertThat(history.get(1).detail()).startsWith("client 0 interrupted at after-acquire");
  }
}
