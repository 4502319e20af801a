package io.redlocklab.harness.checker;

import static io.redlocklab.harness.checker.H.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** The report's timeline draws the findings; the checkers count the same lists. */
class FindingsTest {

  @Test
  void everyOverlapIsFoundWhileTheReportKeepsTheFirstExamples() {
    H h = history().acquire(0, 0, 0, "a", null, 1000);
    for (int client = 1; client <= 7; client++) {
      h.acquire(client, 0, client * 10L, "b" + client, null, 2000);
    }

    Findings findings = Findings.of(h.records());
    Measurement m = Checker.check(h.records(), CheckSettings.defaults(false));

    // a overlaps each of the seven, and the seven overlap each other: 7 + 21 pairs
    assertThat(findings.overlaps()).hasSize(28);
    assertThat(m.leases().overlaps()).isEqualTo(28);
    assertThat(m.leases().overlapExamples())
        .containsExactlyElementsOf(findings.overlaps().subList(0, 5));
    Overlap first = findings.overlaps().get(0);
    assertThat(first.startNanos()).isEqualTo(H.ns(10));
    assertThat(first.endNanos()).isEqualTo(H.ns(1000));
  }

  @Test
  void aLateWriteIsFoundWhateverTheResourceDidAndCountedAsAcceptedOnlyWhenAccepted() {
    H h =
        history()
            .acquire(0, 0, 0, "a", 1L, 100)
            .acquire(1, 0, 150, "b", 2L, 1150)
            .write(0, 200, 201, "a", 1L, "c0-1", "fenced")
            .write(0, 300, 301, "a", 1L, "c0-2", "ok")
            .write(1, 400, 401, "b", 2L, "c1-1", "ok");

    Findings findings = Findings.of(h.records());
    Measurement m = Checker.check(h.records(), CheckSettings.defaults(false));

    assertThat(findings.lateWrites())
        .extracting(late -> late.write().element(), LateWrite::accepted)
        .containsExactly(tuple("c0-1", false), tuple("c0-2", true));
    assertThat(m.leases().lateWrites()).isEqualTo(2);
    assertThat(m.leases().lateWritesAccepted()).isEqualTo(1);
    assertThat(m.leases().unsafeWrites()).isEqualTo(1);
  }
}
