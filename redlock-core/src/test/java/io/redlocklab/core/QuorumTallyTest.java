package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.NodeOutcome.Status;
import io.redlocklab.core.QuorumTally.Failure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuorumTallyTest {

  private static final Status[] ANSWERS = {Status.OK, Status.TAKEN, Status.ERROR, Status.TIMEOUT};

  @ParameterizedTest(name = "N={0}: {1} ok {2} taken {3} error {4} timeout -> {5}")
  @CsvSource({
    // N, ok, taken, error, timeout, expected
    "5, 3, 2, 0, 0, SUCCESS",
    "5, 3, 0, 1, 1, SUCCESS",
    "5, 5, 0, 0, 0, SUCCESS",
    "5, 2, 3, 0, 0, TAKEN",
    "5, 0, 5, 0, 0, TAKEN",
    "5, 2, 0, 3, 0, UNREACHABLE",
    "5, 2, 0, 0, 3, UNREACHABLE",
    "5, 2, 1, 1, 1, UNREACHABLE",
    "5, 1, 2, 2, 0, UNREACHABLE",
    "5, 0, 3, 2, 0, TAKEN",
    "3, 2, 1, 0, 0, SUCCESS",
    "3, 1, 1, 1, 0, UNREACHABLE",
    "3, 1, 2, 0, 0, TAKEN",
    "1, 1, 0, 0, 0, SUCCESS",
    "1, 0, 1, 0, 0, TAKEN",
    "1, 0, 0, 0, 1, UNREACHABLE",
    "4, 2, 2, 0, 0, TAKEN",
    "4, 3, 0, 1, 0, SUCCESS",
    "4, 2, 1, 1, 0, UNREACHABLE",
  })
  void decidesEachMixOfAnswers(int n, int ok, int taken, int error, int timeout, String expected) {
    QuorumTally tally = new QuorumTally(n);
    record(tally, Status.OK, ok);
    record(tally, Status.TAKEN, taken);
    record(tally, Status.ERROR, error);
    record(tally, Status.TIMEOUT, timeout);

    assertThat(tally.decided()).isTrue();
    String outcome = tally.succeeded() ? "SUCCESS" : tally.failure().name();
    assertThat(outcome).isEqualTo(expected);
  }

  @Test
  void everyCompleteMixIsDecidedExactlyOnceForUpToSevenNodes() {
    for (int n = 1; n <= 7; n++) {
      for (List<Status> answers : allSequences(n)) {
        QuorumTally tally = new QuorumTally(n);
        answers.forEach(tally::record);
        long ok = answers.stream().filter(s -> s == Status.OK).count();
        assertThat(tally.succeeded()).as("%s", answers).isEqualTo(ok > n / 2);
        assertThat(tally.failed()).as("%s", answers).isEqualTo(ok <= n / 2);
      }
    }
  }

  @Test
  void decidesAsSoonAsTheRemainingAnswersCannotChangeTheResult() {
    QuorumTally tally = new QuorumTally(5);
    tally.record(Status.OK);
    tally.record(Status.OK);
    assertThat(tally.decided()).isFalse();
    tally.record(Status.OK);
    assertThat(tally.succeeded()).isTrue();

    QuorumTally refused = new QuorumTally(5);
    refused.record(Status.TAKEN);
    refused.record(Status.TIMEOUT);
    assertThat(refused.decided()).isFalse();
    refused.record(Status.ERROR);
    assertThat(refused.failed()).isTrue();
    assertThat(refused.failure()).isEqualTo(Failure.UNREACHABLE);
  }

  @Test
  void aStrictMajorityIsTheQuorum() {
    assertThat(new QuorumTally(1).quorum()).isEqualTo(1);
    assertThat(new QuorumTally(2).quorum()).isEqualTo(2);
    assertThat(new QuorumTally(3).quorum()).isEqualTo(2);
    assertThat(new QuorumTally(4).quorum()).isEqualTo(3);
    assertThat(new QuorumTally(5).quorum()).isEqualTo(3);
  }

  private static void record(QuorumTally tally, Status status, int times) {
    for (int i = 0; i < times; i++) {
      tally.record(status);
    }
  }

  private static List<List<Status>> allSequences(int n) {
    List<List<Status>> sequences = new ArrayList<>();
    sequences.add(List.of());
    for (int i = 0; i < n; i++) {
      List<List<Status>> longer = new ArrayList<>();
      for (List<Status> prefix : sequences) {
        for (Status answer : ANSWERS) {
          List<Status> next = new ArrayList<>(prefix);
          next.add(answer);
          longer.add(next);
        }
      }
      sequences = longer;
    }
    return sequences;
  }
}
