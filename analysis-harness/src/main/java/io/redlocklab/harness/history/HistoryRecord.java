package io.redlocklab.harness.history;

import java.util.List;

/**
 * One line of a run's history (JSON Lines). Every operation is an {@code invoke} followed by one of
 * {@code ok}, {@code fail} or {@code info} (outcome unknown); nemesis events are {@code info}
 * records of process {@code "nemesis"}. Times come from the run's one monotonic clock.
 *
 * @param timeNanos monotonic time of the event
 * @param type invoke | ok | fail | info
 * @param process "client-&lt;k&gt;" or "nemesis"
 * @param op acquire | release | extend | read | write | lost, or the nemesis name for nemesis
 *     events
 * @param mode the lock mode id (empty for nemesis events)
 * @param resource the locked resource (empty when none)
 * @param leaseValue the lease's random value, or null
 * @param token the fencing token, or null
 * @param validUntilNanos the lease's validity end on the run clock, or null
 * @param nodeOutcomes per-node outcomes as "node=STATUS", empty when none
 * @param value the resource element read or written, or null
 * @param detail free text: error message, nemesis phase ("start", "stop", "verified: ...")
 */
public record HistoryRecord(
    long timeNanos,
    String type,
    String process,
    String op,
    String mode,
    String resource,
    String leaseValue,
    Long token,
    Long validUntilNanos,
    List<String> nodeOutcomes,
    String value,
    String detail) {

  public static final String INVOKE = "invoke";
  public static final String OK = "ok";
  public static final String FAIL = "fail";
  public static final String INFO = "info";
  public static final String NEMESIS = "nemesis";

  public HistoryRecord {
    nodeOutcomes = nodeOutcomes == null ? List.of() : List.copyOf(nodeOutcomes);
    mode = mode == null ? "" : mode;
    resource = resource == null ? "" : resource;
    detail = detail == null ? "" : detail;
  }

  /** A nemesis event: {@code phase} is start, stop or a verification note. */
  public static HistoryRecord nemesis(long timeNanos, String nemesis, String phase) {
    return new HistoryRecord(
        timeNanos, INFO, NEMESIS, nemesis, "", "", null, null, null, List.of(), null, phase);
  }
}
