package io.redlocklab.harness.checker;

import static io.redlocklab.harness.checker.H.history;
import static io.redlocklab.harness.checker.H.ns;
import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.history.Ops;
import org.junit.jupiter.api.Test;

class LeaseCheckerTest {

  private static Measurement unfenced(H h) {
    return Checker.check(h.records(), CheckSettings.defaults(false));
  }

  @Test
  void sequentialLeasesDoNotOverlap() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 2, "a", null, 1000)
                .release(0, 50, "a")
                .acquire(1, 10, 60, "b", null, 1060)
                .release(1, 100, "b"));

    assertThat(m.leases().leases()).isEqualTo(2);
    assertThat(m.leases().overlaps()).isZero();
    assertThat(m.outcome()).isEqualTo(Outcome.HOLDS);
  }

  @Test
  void aKilledHoldersBeliefEndsWithItsJvm() {
    // A lease believed until release (validity far away) whose holder is SIGKILLed at 100 ms.
    H killed = history().acquire(0, 0, 0, "a", null, 10_000).killed(0, 100);
    Measurement m = unfenced(killed.acquire(1, 150, 200, "b", null, 1200).release(1, 300, "b"));

    assertThat(m.leases().overlaps()).isZero();
    assertThat(m.outcome()).isEqualTo(Outcome.HOLDS);
    Measurement alive =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 10_000)
                .acquire(1, 150, 200, "b", null, 1200)
                .release(1, 300, "b"));
    assertThat(alive.leases().overlaps()).isEqualTo(1);
  }

  @Test
  void intersectingLeasesOfTwoClientsAreOneOverlapWithAnExample() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 1000)
                .release(0, 100, "a")
                .acquire(1, 0, 50, "b", null, 1050)
                .release(1, 150, "b"));

    assertThat(m.leases().overlaps()).isEqualTo(1);
    Overlap example = m.leases().overlapExamples().get(0);
    assertThat(example.first().leaseValue()).isEqualTo("a");
    assertThat(example.second().leaseValue()).isEqualTo("b");
    assertThat(example.overlapNanos()).isEqualTo(ns(50));
    assertThat(m.outcome()).isEqualTo(Outcome.VIOLATES);
    assertThat(m.violations()).isEqualTo(2);
  }

  @Test
  void releaseExactlyAtTheOthersAcquireIsNotAnOverlap() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 1000)
                .release(0, 100, "a")
                .acquire(1, 0, 100, "b", null, 1100));

    assertThat(m.leases().overlaps()).isZero();
  }

  @Test
  void validityEndingBeforeTheReleaseEndsTheInterval() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 80)
                .release(0, 200, "a")
                .acquire(1, 0, 100, "b", null, 1100));

    LeaseInterval a =
        Histories.leaseIntervals(
                history().acquire(0, 0, 0, "a", null, 80).release(0, 200, "a").records())
            .get(0);
    assertThat(a.endNanos()).isEqualTo(ns(80));
    assertThat(a.endedBy()).isEqualTo("validity");
    assertThat(m.leases().overlaps()).isZero();
  }

  @Test
  void validityStillRunningWhenTheOtherAcquiresIsAnOverlap() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 120)
                .release(0, 200, "a")
                .acquire(1, 0, 100, "b", null, 1100));

    assertThat(m.leases().overlaps()).isEqualTo(1);
  }

  @Test
  void theSameClientNeverOverlapsItself() {
    Measurement m =
        unfenced(history().acquire(0, 0, 0, "a", null, 1000).acquire(0, 10, 20, "a2", null, 1000));

    assertThat(m.leases().overlaps()).isZero();
  }

  @Test
  void leasesOnDifferentResourcesDoNotOverlap() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 1000)
                .on("other")
                .acquire(1, 10, 10, "b", null, 1000));

    assertThat(m.leases().overlaps()).isZero();
  }

  @Test
  void anUnknownAcquireGrantsNothing() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 1000)
                .release(0, 100, "a")
                .acquireUnknown(1, 10, 50));

    assertThat(m.leases().leases()).isEqualTo(1);
    assertThat(m.leases().overlaps()).isZero();
    assertThat(m.availability().attempts()).isEqualTo(2);
    assertThat(m.availability().unknown()).isEqualTo(1);
  }

  @Test
  void anExtensionInTimeMovesTheEndButALateOneRevivesNothing() {
    H extendedInTime =
        history()
            .acquire(0, 0, 0, "a", null, 100)
            .extend(0, 50, "a", 300)
            .acquire(1, 0, 150, "b", null, 1150);
    H extendedTooLate =
        history()
            .acquire(0, 0, 0, "a", null, 100)
            .extend(0, 120, "a", 300)
            .acquire(1, 0, 150, "b", null, 1150);

    assertThat(unfenced(extendedInTime).leases().overlaps()).isEqualTo(1);
    assertThat(unfenced(extendedInTime).leases().renewals()).isEqualTo(1);
    assertThat(unfenced(extendedTooLate).leases().overlaps()).isZero();
    assertThat(unfenced(extendedTooLate).leases().renewals()).isZero();
  }

  @Test
  void aLostNoticeEndsTheInterval() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 300)
                .lost(0, 100, "a")
                .acquire(1, 0, 150, "b", null, 1150));

    assertThat(m.leases().overlaps()).isZero();
    assertThat(m.leases().lost()).isEqualTo(1);
  }

  @Test
  void aLeaseNeverReleasedLastsUntilTheEndOfTheRun() {
    LeaseInterval open =
        Histories.leaseIntervals(history().acquiredWithoutValidity(0, 0, "a").tick(500).records())
            .get(0);
    assertThat(open.endedBy()).isEqualTo("run-end");
    assertThat(open.endNanos()).isEqualTo(ns(500));
  }

  @Test
  void aLeaseWithoutValidityLeftIsEmptyAndOverlapsNothing() {
    Measurement m =
        unfenced(history().acquire(0, 0, 100, "a", null, 100).acquire(1, 0, 100, "b", null, 1100));

    assertThat(m.leases().overlaps()).isZero();
  }

  @Test
  void aWriteAfterTheLeaseEndedOnceAnotherWasGrantedIsUnsafeInUnfencedModes() {
    H h =
        history()
            .acquire(0, 0, 0, "a", null, 100)
            .acquire(1, 0, 150, "b", null, 1150)
            .write(0, 300, 301, "a", null, "c0-1", "ok")
            .release(0, 310, "a");

    Measurement m = unfenced(h);
    assertThat(m.leases().lateWrites()).isEqualTo(1);
    assertThat(m.leases().unsafeWrites()).isEqualTo(1);
    assertThat(m.leases().unsafeWriteExamples().get(0).newerLeaseValue()).isEqualTo("b");
    assertThat(m.outcome()).isEqualTo(Outcome.VIOLATES);

    Measurement fenced = Checker.check(h.records(), CheckSettings.defaults(true));
    assertThat(fenced.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(fenced.reasons()).anyMatch(r -> r.contains("not counted"));
  }

  @Test
  void aLateWriteWithNobodyElseGrantedIsNotUnsafe() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 100)
                .write(0, 300, 301, "a", null, "c0-1", "ok")
                .acquire(1, 400, 410, "b", null, 1410));

    assertThat(m.leases().lateWritesAccepted()).isEqualTo(1);
    assertThat(m.leases().unsafeWrites()).isZero();
  }

  @Test
  void aWriteTheClientSkippedAfterItsLeaseEndedIsNotALateWrite() {
    Measurement m =
        unfenced(
            history()
                .acquire(0, 0, 0, "a", null, 100)
                .acquire(1, 0, 150, "b", null, 1150)
                .skipped(0, 300, Ops.WRITE, "a")
                .release(0, 310, "a"));

    assertThat(m.leases().lateWrites()).isZero();
    assertThat(m.outcome()).isEqualTo(Outcome.HOLDS);
  }
}
