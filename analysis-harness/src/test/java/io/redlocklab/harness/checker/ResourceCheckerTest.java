package io.redlocklab.harness.checker;

import static io.redlocklab.harness.checker.H.history;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceCheckerTest {

  private static Measurement check(H h, boolean fenced) {
    return Checker.check(h.records(), CheckSettings.defaults(fenced));
  }

  @Test
  void anAcknowledgedElementMissingFromTheFinalSetIsALostUpdate() {
    H h =
        history()
            .acquire(0, 0, 0, "a", null, 1000)
            .write(0, 10, 11, "a", null, "c0-1", "ok")
            .release(0, 20, "a")
            .acquire(1, 30, 30, "b", null, 1030)
            .write(1, 40, 41, "b", null, "c1-1", "ok")
            .release(1, 50, "b")
            .finalRead(100, "c1-1");

    Measurement m = check(h, false);
    assertThat(m.resource().lostUpdates()).isEqualTo(1);
    assertThat(m.resource().lostExamples().get(0).element()).isEqualTo("c0-1");
    assertThat(m.resource().writesAccepted()).isEqualTo(2);
    assertThat(m.outcome()).isEqualTo(Outcome.VIOLATES);
    assertThat(check(h, true).outcome())
        .as("lost updates count in fenced modes too")
        .isEqualTo(Outcome.VIOLATES);
  }

  @Test
  void unknownAndFailedWritesMayBeMissingFromTheFinalSet() {
    H h =
        history()
            .acquire(0, 0, 0, "a", null, 1000)
            .write(0, 10, 11, "a", null, "c0-1", "info")
            .write(0, 12, 13, "a", null, "c0-2", "fail")
            .write(0, 14, 15, "a", null, "c0-3", "ok")
            .release(0, 20, "a")
            .finalRead(100, "c0-3");

    Measurement m = check(h, false);
    assertThat(m.resource().lostUpdates()).isZero();
    assertThat(m.resource().writesUnknown()).isEqualTo(1);
    assertThat(m.resource().writesFailed()).isEqualTo(1);
    assertThat(m.outcome()).isEqualTo(Outcome.HOLDS);
  }

  @Test
  void withoutAFinalReadLostUpdatesAreNotChecked() {
    Measurement m =
        check(
            history().acquire(0, 0, 0, "a", null, 1000).write(0, 10, 11, "a", null, "c0-1", "ok"),
            false);

    assertThat(m.resource().lostUpdates()).isNull();
    assertThat(m.reasons()).anyMatch(r -> r.contains("not checked"));
    assertThat(m.outcome()).isEqualTo(Outcome.HOLDS);
  }

  /** A single-node counter went backwards: the newer lease has the smaller token. */
  @Test
  void aStaleWriteAcceptedAfterTheNewerLeaseWasRejectedViolatesInFencedModes() {
    H h =
        history()
            .acquire(0, 0, 0, "a", 10L, 100)
            .acquire(1, 0, 150, "b", 1L, 1150)
            .read(1, 155, 160, "b", 1L, "fenced")
            .release(1, 170, "b")
            .read(0, 200, 201, "a", 10L, "ok")
            .write(0, 202, 203, "a", 10L, "c0-1", "ok")
            .finalRead(300, "c0-1");

    Measurement m = check(h, true);
    assertThat(m.resource().staleWritesAccepted()).isEqualTo(1);
    UnsafeWrite example = m.resource().staleExamples().get(0);
    assertThat(example.leaseValue()).isEqualTo("a");
    assertThat(example.newerLeaseValue()).isEqualTo("b");
    assertThat(m.resource().fencedRejections()).isEqualTo(1);
    assertThat(m.resource().fencedWhileValid()).isEqualTo(1);
    assertThat(m.outcome()).isEqualTo(Outcome.VIOLATES);
  }

  /** Quorum tokens: the newer lease has the larger token and the stale write is rejected. */
  @Test
  void fencingThatRejectsTheStaleWriteHoldsAndCountsTheRejection() {
    H h =
        history()
            .acquire(0, 0, 0, "a", 10L, 100)
            .acquire(1, 0, 150, "b", 11L, 1150)
            .read(1, 155, 160, "b", 11L, "ok")
            .write(1, 161, 162, "b", 11L, "c1-1", "ok")
            .release(1, 170, "b")
            .read(0, 200, 201, "a", 10L, "fenced")
            .finalRead(300, "c1-1");

    Measurement m = check(h, true);
    assertThat(m.resource().staleWritesAccepted()).isZero();
    assertThat(m.resource().fencedRejections()).isEqualTo(1);
    assertThat(m.resource().fencedWhileValid()).isZero();
    assertThat(m.outcome()).isEqualTo(Outcome.HOLDS);
  }

  /** Fencing semantics: a late write before any newer lease reached the resource is harmless. */
  @Test
  void aLateWriteBeforeTheNewerLeaseTouchedTheResourceIsNotStale() {
    H h =
        history()
            .acquire(0, 0, 0, "a", 10L, 100)
            .acquire(1, 0, 150, "b", 11L, 1150)
            .write(0, 200, 201, "a", 10L, "c0-1", "ok")
            .read(1, 210, 211, "b", 11L, "ok")
            .write(1, 212, 213, "b", 11L, "c1-1", "ok")
            .finalRead(300, "c0-1", "c1-1");

    assertThat(check(h, true).resource().staleWritesAccepted()).isZero();
    assertThat(check(h, true).outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(check(h, false).outcome())
        .as("unfenced: the lease was superseded")
        .isEqualTo(Outcome.VIOLATES);
  }

  /** Two valid holders at once (a broken lock) serialized by the fence lose nothing. */
  @Test
  void overlappingHoldersSerializedByTheFenceHoldInFencedModes() {
    H h =
        history()
            .acquire(0, 0, 0, "a", 10L, 1000)
            .read(0, 5, 6, "a", 10L, "ok")
            .acquire(1, 0, 50, "b", 9L, 1050)
            .read(1, 55, 56, "b", 9L, "fenced")
            .write(0, 100, 101, "a", 10L, "c0-1", "ok")
            .release(0, 110, "a")
            .finalRead(300, "c0-1");

    Measurement fenced = check(h, true);
    assertThat(fenced.leases().overlaps()).isEqualTo(1);
    assertThat(fenced.resource().staleWritesAccepted()).isZero();
    assertThat(fenced.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(check(h, false).outcome()).isEqualTo(Outcome.VIOLATES);
  }

  @Test
  void unfencedGcPauseShowsAsStaleAndUnsafeWrite() {
    H h =
        history()
            .acquire(0, 0, 0, "a", null, 100)
            .acquire(1, 0, 150, "b", null, 1150)
            .read(1, 155, 156, "b", null, "ok")
            .write(1, 157, 158, "b", null, "c1-1", "ok")
            .release(1, 160, "b")
            .read(0, 200, 201, "a", null, "ok")
            .write(0, 202, 203, "a", null, "c0-1", "ok")
            .finalRead(300, "c1-1", "c0-1");

    Measurement m = check(h, false);
    assertThat(m.resource().staleWritesAccepted()).isEqualTo(1);
    assertThat(m.leases().unsafeWrites()).isEqualTo(1);
    assertThat(m.resource().lostUpdates()).isZero();
    assertThat(m.outcome()).isEqualTo(Outcome.VIOLATES);
    assertThat(m.violations()).as("lease a is the one involved").isEqualTo(1);
  }
}
