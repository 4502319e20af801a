package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private final FakeClock clock = new FakeClock();
  private final long origin = clock.nanoTime();
  private final List<String> log = new CopyOnWriteArrayList<>();

  private RecordingNemesis nemesis(String name) {
    return new RecordingNemesis(name, clock, origin, log);
  }

  /** Sleeping advances the fake clock, so a whole schedule runs instantly and exactly on time. */
  private Timeline timeline(long endMillis, Timeline.Entry... entries) {
    return new Timeline(List.of(entries), endMillis, clock, clock::advanceNanos, true);
  }

  @Test
  void plansStartsAndStopsInTimeOrder() {
    Timeline.Entry a = new Timeline.Entry(nemesis("a"), 100, 50, 0);
    Timeline.Entry b = new Timeline.Entry(nemesis("b"), 0, 500, 0);

    assertThat(Timeline.plan(List.of(a, b), 1_000))
        .extracting(Timeline.Event::toString)
        .containsExactly("0ms start b", "100ms start a", "150ms stop a", "500ms stop b");
  }

  @Test
  void repeatsWhileTheStartIsBeforeTheEnd() {
    Timeline.Entry a = new Timeline.Entry(nemesis("a"), 100, 50, 300);

    assertThat(Timeline.plan(List.of(a), 1_000))
        .extracting(Timeline.Event::toString)
        .containsExactly(
            "100ms start a",
            "150ms stop a",
            "400ms start a",
            "450ms stop a",
            "700ms start a",
            "750ms stop a");
  }

  @Test
  void atOneInstantHealsFirstThenStartsThenEndsZeroLengthFaults() {
    Timeline.Entry healing = new Timeline.Entry(nemesis("healing"), 0, 100, 0);
    Timeline.Entry crash = new Timeline.Entry(nemesis("crash"), 100, 0, 0);
    Timeline.Entry starting = new Timeline.Entry(nemesis("starting"), 100, 10, 0);

    assertThat(Timeline.plan(List.of(crash, starting, healing), 1_000))
        .extracting(Timeline.Event::toString)
        .containsExactly(
            "0ms start healing",
            "100ms stop healing",
            "100ms start crash",
            "100ms start starting",
            "100ms stop crash",
            "110ms stop starting");
  }

  @Test
  void runsTheScheduleOnTheClock() throws InterruptedException {
    try (Timeline timeline =
        timeline(
            1_000,
            new Timeline.Entry(nemesis("a"), 100, 50, 400),
            new Timeline.Entry(nemesis("b"), 120, 200, 0))) {
      timeline.start(origin);

      assertThat(timeline.awaitDone(5_000)).isTrue();
      assertThat(log)
          .containsExactly(
              "100 start a",
              "120 start b",
              "150 stop a",
              "320 stop b",
              "500 start a",
              "550 stop a",
              "900 start a",
              "950 stop a");
      assertThat(timeline.failures()).isEmpty();
    }
  }

  @Test
  void closeHealsWhatIsStillActive() throws InterruptedException {
    // The stop is a minute away on a clock that really waits: only close() can heal in time.
    Timeline timeline =
        new Timeline(
            List.of(new Timeline.Entry(nemesis("c"), 0, 60_000, 0)),
            1_000,
            clock,
            nanos -> Thread.sleep(60_000),
            true);
    timeline.start(origin);
    awaitLog(1);

    timeline.close();

    assertThat(log).containsExactly("0 start c", "0 stop c");
  }

  @Test
  void collectsFailuresAndGoesOn() throws InterruptedException {
    try (Timeline timeline =
        timeline(
            1_000,
            new Timeline.Entry(nemesis("broken").failingOnStart(), 0, 10, 0),
            new Timeline.Entry(nemesis("fine"), 20, 10, 0))) {
      timeline.start(origin);

      assertThat(timeline.awaitDone(5_000)).isTrue();
      assertThat(log).containsExactly("0 fail broken", "20 start fine", "30 stop fine");
      assertThat(timeline.failures())
          .singleElement()
          .satisfies(e -> assertThat(e.getMessage()).isEqualTo("broken did not take effect: test"));
    }
  }

  @Test
  void realWorkersKeepEachNemesisInOrder() throws InterruptedException {
    List<String> realLog = new CopyOnWriteArrayList<>();
    var system = io.redlocklab.core.MonotonicClock.system();
    long start = system.nanoTime();
    try (Timeline timeline =
        new Timeline(
            List.of(
                new Timeline.Entry(new RecordingNemesis("a", system, start, realLog), 0, 30, 50),
                new Timeline.Entry(new RecordingNemesis("b", system, start, realLog), 10, 10, 0)),
            120,
            system)) {
      timeline.start(start);
      assertThat(timeline.awaitDone(5_000)).isTrue();
    }
    assertThat(realLog)
        .filteredOn(line -> line.endsWith(" a"))
        .extracting(TimelineTest::withoutTime)
        .containsExactly("start a", "stop a", "start a", "stop a", "start a", "stop a");
    assertThat(realLog)
        .filteredOn(line -> line.endsWith(" b"))
        .extracting(TimelineTest::withoutTime)
        .containsExactly("start b", "stop b");
    // Each event ran no earlier than planned.
    assertThat(Long.parseLong(realLog.get(realLog.size() - 1).split(" ")[0]))
        .isGreaterThanOrEqualTo(130);
  }

  private static String withoutTime(String line) {
    return line.substring(line.indexOf(' ') + 1);
  }

  private void awaitLog(int size) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (log.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}
