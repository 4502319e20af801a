package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.NodeOutcome.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ValidityTest {

  private static final long MS = 1_000_000L;

  @Test
  void driftIsTheFactorOfTheTtlPlusTwoMilliseconds() {
    assertThat(Validity.driftNanos(10_000 * MS, 0.01)).isEqualTo(102 * MS);
    assertThat(Validity.driftNanos(1_000 * MS, 0.0)).isEqualTo(2 * MS);
  }

  @Test
  void validitySubtractsElapsedTimeAndDrift() {
    // redis.io distlock: validity = ttl - elapsed - drift; 10 s ttl, 50 ms elapsed, 0.01 -> 9 848
    // ms
    assertThat(Validity.remainingNanos(10_000 * MS, 50 * MS, 0.01)).isEqualTo(9_848 * MS);
    assertThat(Validity.remainingNanos(100 * MS, 99 * MS, 0.01)).isNegative();
  }

  @Test
  void validityEndsTtlMinusDriftAfterTheFirstRequestWentOut() {
    FakeClock clock = new FakeClock();
    long start = clock.nanoTime();
    clock.advance(Duration.ofMillis(40));
    long validUntil = Validity.validUntilNanos(start, 1_000 * MS, 0.01);

    assertThat(validUntil - clock.nanoTime())
        .isEqualTo(Validity.remainingNanos(1_000 * MS, 40 * MS, 0.01))
        .isEqualTo(948 * MS);
  }

  @Test
  void unansweredNodesTimeOutAtTheDeadlineOfTheInjectedClock() throws InterruptedException {
    FakeClock clock = new FakeClock();
    CompletableFuture<NodeReply> answered =
        CompletableFuture.completedFuture(
            new NodeReply(0, new NodeOutcome("a", Status.OK, Duration.ofMillis(1), ""), 1));
    Round round =
        new Round(
            List.of("a", "b", "c"),
            List.of(answered, new CompletableFuture<>(), new CompletableFuture<>()),
            clock,
            clock.nanoTime());
    long deadline = clock.nanoTime() + 50 * MS;
    clock.advance(Duration.ofMillis(60));

    round.awaitQuorum(deadline);

    assertThat(round.outcomes())
        .extracting(NodeOutcome::status)
        .containsExactly(Status.OK, Status.TIMEOUT, Status.TIMEOUT);
    assertThat(round.outcomes().get(1).latency()).isEqualTo(Duration.ofMillis(60));
    assertThat(round.tally().failed()).isTrue();
  }

  @Test
  void nodesNotAwaitedAfterAnEarlyDecisionAreUnknown() throws InterruptedException {
    FakeClock clock = new FakeClock();
    Round round =
        new Round(
            List.of("a", "b", "c"),
            List.of(ok(0), ok(1), new CompletableFuture<>()),
            clock,
            clock.nanoTime());

    round.awaitQuorum(clock.nanoTime() + 50 * MS);

    assertThat(round.tally().succeeded()).isTrue();
    assertThat(round.outcomes())
        .extracting(NodeOutcome::status)
        .containsExactly(Status.OK, Status.OK, Status.UNKNOWN);
  }

  private static CompletableFuture<NodeReply> ok(int index) {
    return CompletableFuture.completedFuture(
        new NodeReply(index, new NodeOutcome("n" + index, Status.OK, Duration.ZERO, ""), 7));
  }
}
