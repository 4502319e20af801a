package io.redlocklab.core;

import static io.redlocklab.core.NodeConnection.Delivery.RETRY_BROKEN_CONNECTION;

import io.redlocklab.core.NodeOutcome.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Extends many leases with one script call per node: the watchdog's renewal. Each lease still gets
 * its own verdict, as {@link Lease#extend} would give it: a quorum of the nodes' per-key answers,
 * and a validity measured from the batch's start to the moment that lease's quorum was confirmed.
 */
final class BatchExtension {

  /**
   * Compare-and-PEXPIRE over every key: {@code ARGV[1]} is the TTL in ms, {@code ARGV[i + 1]} the
   * value {@code KEYS[i]} must hold. Answers 1 per key whose expiry it reset, 0 per other key.
   */
  static final LuaScript EXTEND_ALL =
      LuaScript.of(
          """
          local results = {}
          for i = 1, #KEYS do
            if redis.call('GET', KEYS[i]) == ARGV[i + 1] then
              results[i] = redis.call('PEXPIRE', KEYS[i], ARGV[1])
            else
              results[i] = 0
            end
          end
          return results\
          """);

  /**
   * When the batch's requests went out, and the leases it did not extend, each with its reason.
   * Released leases are in neither.
   */
  record Result(long startNanos, Map<Lease, LeaseExpiredException> failures) {}

  private static final long UNCONFIRMED = Long.MIN_VALUE;

  private BatchExtension() {}

  /**
   * Sends one compare-and-PEXPIRE of every lease to every node and gives each lease its new
   * validity ({@link Lease#renewed}). A lease already expired is not sent. {@code requestsSent}
   * runs once the requests are handed to the nodes, before the replies are awaited.
   */
  static Result extend(
      NodeGroup nodes,
      RedlockConfig config,
      List<Lease> leases,
      Function<Lease, String> keyOf,
      Duration ttl,
      Runnable requestsSent)
      throws InterruptedException {
    MonotonicClock clock = config.clock();
    Map<Lease, LeaseExpiredException> failures = new IdentityHashMap<>();
    List<Lease> sent = new ArrayList<>(leases.size());
    List<String> keys = new ArrayList<>(leases.size());
    List<String> args = new ArrayList<>(leases.size() + 1);
    args.add(Long.toString(ttl.toMillis()));
    long start = clock.nanoTime();
    for (Lease lease : leases) {
      if (lease.isReleased()) {
        continue;
      }
      if (lease.validUntilNanos() - start <= 0) {
        failures.put(
            lease,
            new LeaseExpiredException(
                "'" + lease.resource() + "': lease already expired; acquire a new one", List.of()));
        continue;
      }
      sent.add(lease);
      keys.add(keyOf.apply(lease));
      args.add(lease.value());
    }
    if (sent.isEmpty()) {
      return new Result(start, failures);
    }
    long[] before = sent.stream().mapToLong(Lease::validUntilNanos).toArray();

    Map<String, List<?>> answers = new ConcurrentHashMap<>();
    Round round =
        nodes.send(
            (node, redis) -> {
              answers.put(node.name(), (List<?>) node.eval(redis, EXTEND_ALL, keys, args));
              return 1L;
            },
            RETRY_BROKEN_CONNECTION);
    requestsSent.run();
    long deadline = start + config.nodeTimeout().toNanos();
    round.awaitQuorum(deadline);
    long[] confirmedAt = new long[sent.size()];
    Arrays.fill(confirmedAt, UNCONFIRMED);
    long lastCheck = clock.nanoTime();
    boolean undecided = confirm(round, answers, confirmedAt, lastCheck);
    if (undecided && !round.tally().failed()) {
      // Answers may have arrived since confirm's snapshot: look again, waiting for any still due.
      round.awaitAll(deadline);
      lastCheck = clock.nanoTime();
      confirm(round, answers, confirmedAt, lastCheck);
    }

    long ttlNanos = ttl.toNanos();
    long validUntil = Validity.validUntilNanos(start, ttlNanos, config.driftFactor());
    List<NodeOutcome> nodeOutcomes = round.outcomes();
    for (int j = 0; j < sent.size(); j++) {
      Lease lease = sent.get(j);
      boolean confirmed = confirmedAt[j] != UNCONFIRMED;
      long elapsed = (confirmed ? confirmedAt[j] : lastCheck) - start;
      long validity = Validity.remainingNanos(ttlNanos, elapsed, config.driftFactor());
      boolean extended = confirmed && validity > config.minValidity().toNanos();
      lease.renewed(before[j], validUntil, extended);
      if (!extended) {
        failures.put(lease, failure(lease, perKey(nodeOutcomes, answers, j), validity));
      }
    }
    return new Result(start, failures);
  }

  /**
   * Marks with {@code now} every lease not yet confirmed that has a quorum of per-key OKs among the
   * answers so far; returns whether some lease is still without one.
   */
  private static boolean confirm(
      Round round, Map<String, List<?>> answers, long[] confirmedAt, long now) {
    List<NodeOutcome> nodeOutcomes = round.outcomes();
    int quorum = round.tally().quorum();
    boolean undecided = false;
    for (int j = 0; j < confirmedAt.length; j++) {
      if (confirmedAt[j] != UNCONFIRMED) {
        continue;
      }
      int ok = 0;
      for (NodeOutcome node : nodeOutcomes) {
        if (node.isOk() && extendedOn(answers.get(node.node()), j)) {
          ok++;
        }
      }
      if (ok >= quorum) {
        confirmedAt[j] = now;
      } else {
        undecided = true;
      }
    }
    return undecided;
  }

  private static boolean extendedOn(List<?> answer, int index) {
    return answer != null && index < answer.size() && Long.valueOf(1).equals(answer.get(index));
  }

  /** What each node answered for lease {@code j}: its per-key result where the script ran. */
  private static List<NodeOutcome> perKey(
      List<NodeOutcome> nodeOutcomes, Map<String, List<?>> answers, int j) {
    List<NodeOutcome> outcomes = new ArrayList<>(nodeOutcomes.size());
    for (NodeOutcome node : nodeOutcomes) {
      outcomes.add(
          !node.isOk() || extendedOn(answers.get(node.node()), j)
              ? node
              : new NodeOutcome(node.node(), Status.TAKEN, node.latency(), ""));
    }
    return outcomes;
  }

  private static LeaseExpiredException failure(
      Lease lease, List<NodeOutcome> outcomes, long validityNanos) {
    QuorumTally tally = new QuorumTally(outcomes.size());
    outcomes.stream()
        .map(NodeOutcome::status)
        .filter(status -> status != Status.UNKNOWN)
        .forEach(tally::record);
    return new LeaseExpiredException(
        "'"
            + lease.resource()
            + "': renewal reached "
            + tally
            + " with "
            + validityNanos / 1_000_000
            + " ms validity; the lease was not extended",
        outcomes);
  }
}
