package io.redlocklab.harness.history;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The record conventions the workload writes and the checkers read. One place, so both sides agree.
 *
 * <ul>
 *   <li>{@code acquire}: {@code invoke}, then {@code ok} with leaseValue, token, validUntilNanos
 *       and nodeOutcomes; {@code fail} (not granted); or {@code info} (outcome unknown; never
 *       used).
 *   <li>{@code extend}: {@code ok} carries the lease's new validUntilNanos.
 *   <li>{@code lost}: {@code info}; the holder was told its lease is gone (watchdog).
 *   <li>{@code release}: the {@code invoke} time ends the client's use of the lease.
 *   <li>{@code read} / {@code write} on the protected resource carry the lease's value and token; a
 *       write's {@code value} is the unique element it adds. {@code ok} = accepted, {@code fail}
 *       with a detail starting {@value #FENCED} = rejected by the fencing check, other {@code fail}
 *       = not applied, {@code info} = unknown (e.g. a timeout: it may have landed). An {@code info}
 *       alone with a detail starting {@value #SKIPPED} is a step the client chose not to take.
 *   <li>{@code final-read}: one {@code ok} per resource after the run, the whole set in {@code
 *       value} as comma-separated elements ({@code ""} = empty set); {@code fail} when it could not
 *       be read.
 *   <li>{@code run}: an {@code info} record at the start, detail {@code scenario=.. mode=..
 *       seed=..}.
 *   <li>a nemesis record whose detail starts {@value #KILLED_PREFIX}&lt;k&gt; {@value
 *       #KILLED_SUFFIX}: process-crash SIGKILLed client k's JVM (the liveness check starts there).
 * </ul>
 *
 * <p>analysis-harness/docs/HISTORY.md describes the same for readers of the JSON Lines files.
 */
public final class Ops {

  public static final String ACQUIRE = "acquire";
  public static final String EXTEND = "extend";
  public static final String LOST = "lost";
  public static final String RELEASE = "release";
  public static final String READ = "read";
  public static final String WRITE = "write";
  public static final String FINAL_READ = "final-read";
  public static final String RUN = "run";

  /** Detail prefix of a read or write the fencing check rejected. */
  public static final String FENCED = "fenced";

  /** Detail prefix of a read or write the client did not send: too little validity was left. */
  public static final String SKIPPED = "skipped";

  /** Process name of records that no lock client wrote (run header, final read). */
  public static final String WORKLOAD = "workload";

  private Ops() {}

  /** The process name of client {@code k}. */
  public static final String KILLED_PREFIX = "client ";

  public static final String KILLED_SUFFIX = "killed (SIGKILL)";

  /** The nemesis record of a client JVM killed by {@code nemesis}. */
  public static HistoryRecord clientKilled(
      long timeNanos, String nemesis, int client, String where) {
    return HistoryRecord.nemesis(
        timeNanos, nemesis, KILLED_PREFIX + client + " " + KILLED_SUFFIX + " " + where);
  }

  /** The client a {@link #clientKilled} record names; -1 for any other record. */
  public static int killedClient(HistoryRecord r) {
    String detail = r.detail();
    if (!HistoryRecord.NEMESIS.equals(r.process()) || !detail.startsWith(KILLED_PREFIX)) {
      return -1;
    }
    String rest = detail.substring(KILLED_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space <= 0 || !rest.startsWith(KILLED_SUFFIX, space + 1)) {
      return -1;
    }
    try {
      return Integer.parseInt(rest.substring(0, space));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public static String client(int k) {
    return "client-" + k;
  }

  /** True for a {@code fail} whose detail says the fencing check rejected it. */
  public static boolean isFencedRejection(HistoryRecord r) {
    return HistoryRecord.FAIL.equals(r.type()) && r.detail().startsWith(FENCED);
  }

  /** True for a read or write the client skipped: the resource saw nothing. */
  public static boolean isSkipped(HistoryRecord r) {
    return HistoryRecord.INFO.equals(r.type())
        && r.detail() != null
        && r.detail().startsWith(SKIPPED);
  }

  /** The run header: which scenario, mode and seed this history belongs to. */
  public static HistoryRecord runStarted(long timeNanos, String scenario, String mode, long seed) {
    return workloadRecord(
        timeNanos,
        HistoryRecord.INFO,
        RUN,
        mode,
        "",
        null,
        "scenario=" + scenario + " mode=" + mode + " seed=" + seed);
  }

  /** The set read from {@code resource} once the run is over. */
  public static HistoryRecord finalRead(
      long timeNanos, String mode, String resource, Collection<String> elements) {
    return workloadRecord(
        timeNanos, HistoryRecord.OK, FINAL_READ, mode, resource, joinElements(elements), null);
  }

  /** The final read of {@code resource} failed: lost updates cannot be checked. */
  public static HistoryRecord finalReadFailed(
      long timeNanos, String mode, String resource, String why) {
    return workloadRecord(timeNanos, HistoryRecord.FAIL, FINAL_READ, mode, resource, null, why);
  }

  /** A record of the workload itself, not of a lock client: no lease, token or node outcomes. */
  private static HistoryRecord workloadRecord(
      long timeNanos,
      String type,
      String op,
      String mode,
      String resource,
      String value,
      String detail) {
    return new HistoryRecord(
        timeNanos, type, WORKLOAD, op, mode, resource, null, null, null, List.of(), value, detail);
  }

  /**
   * Elements as one {@code value}: comma-separated. Elements are the workload's unique ids (e.g.
   * {@code c2-17}) and must not contain a comma.
   */
  public static String joinElements(Collection<String> elements) {
    for (String element : elements) {
      if (element.isEmpty() || element.indexOf(',') >= 0) {
        throw new IllegalArgumentException(
            "element must be non-empty without ',': '" + element + "'");
      }
    }
    return String.join(",", elements);
  }

  /** The inverse of {@link #joinElements}; null gives an empty set. */
  public static Set<String> splitElements(String value) {
    if (value == null || value.isEmpty()) {
      return Set.of();
    }
    return Arrays.stream(value.split(",")).collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
