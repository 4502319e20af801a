package io.redlocklab.core;

import io.redlocklab.core.NodeOutcome.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One command sent to every node at once, and the answers as they arrive. Each answer is counted by
 * the I/O thread that received it; the waiting thread is woken only once the outcome it waits for
 * is certain (quorum decided, or every node answered), not at every answer. Decisions are stable:
 * once a quorum is certain or impossible, later answers cannot change that.
 */
final class Round {

  private final List<String> nodeNames;
  private final List<CompletableFuture<NodeReply>> calls;
  private final NodeReply[] replies;
  private final QuorumTally tally;
  private final MonotonicClock clock;
  private final long sentNanos;

  Round(
      List<String> nodeNames,
      List<CompletableFuture<NodeReply>> calls,
      MonotonicClock clock,
      long sentNanos) {
    this.nodeNames = nodeNames;
    this.calls = calls;
    this.replies = new NodeReply[nodeNames.size()];
    this.tally = new QuorumTally(nodeNames.size());
    this.clock = clock;
    this.sentNanos = sentNanos;
    calls.forEach(call -> call.thenAccept(this::arrive));
  }

  private synchronized void arrive(NodeReply reply) {
    if (replies[reply.index()] != null) {
      return; // already given up on as timed out
    }
    replies[reply.index()] = reply;
    tally.record(reply.outcome().status());
    if (tally.decided() || tally.answered() == replies.length) {
      notifyAll();
    }
  }

  /** Waits until a quorum is certain or impossible, or the deadline passes. */
  Round awaitQuorum(long deadlineNanos) throws InterruptedException {
    return await(deadlineNanos, true);
  }

  /** Waits until every node answered or the deadline passes. */
  Round awaitAll(long deadlineNanos) throws InterruptedException {
    return await(deadlineNanos, false);
  }

  /**
   * Like {@link #awaitAll} but keeps waiting through an interrupt, then restores it (for clean-up).
   */
  Round awaitAllUninterruptibly(long deadlineNanos) {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          return awaitAll(deadlineNanos);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized Round await(long deadlineNanos, boolean stopAtDecision)
      throws InterruptedException {
    while (tally.answered() < replies.length && !(stopAtDecision && tally.decided())) {
      long remaining = deadlineNanos - clock.nanoTime();
      if (remaining <= 0) {
        timeOutUnanswered();
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    return this;
  }

  private void timeOutUnanswered() {
    for (int i = 0; i < replies.length; i++) {
      if (replies[i] == null) {
        NodeOutcome timedOut =
            new NodeOutcome(
                nodeNames.get(i),
                Status.TIMEOUT,
                Duration.ofNanos(clock.nanoTime() - sentNanos),
                "no answer within the node timeout");
        replies[i] = new NodeReply(i, timedOut, 0);
        tally.record(Status.TIMEOUT);
      }
    }
  }

  /** A snapshot of the count so far. */
  synchronized QuorumTally tally() {
    return tally.copy();
  }

  /** Per-node outcomes in node order; nodes not answered yet are {@link Status#UNKNOWN}. */
  synchronized List<NodeOutcome> outcomes() {
    List<NodeOutcome> outcomes = new ArrayList<>(replies.length);
    for (int i = 0; i < replies.length; i++) {
      outcomes.add(
          replies[i] != null
              ? replies[i].outcome()
              : new NodeOutcome(nodeNames.get(i), Status.UNKNOWN, Duration.ZERO, ""));
    }
    return outcomes;
  }

  /** Largest value among the {@code OK} answers received so far, or 0. */
  synchronized long maxOkValue() {
    long max = 0;
    for (NodeReply reply : replies) {
      if (reply != null && reply.outcome().isOk()) {
        max = Math.max(max, reply.value());
      }
    }
    return max;
  }

  synchronized int okCount() {
    return tally.ok();
  }

  CompletableFuture<NodeReply> call(int index) {
    return calls.get(index);
  }
}
