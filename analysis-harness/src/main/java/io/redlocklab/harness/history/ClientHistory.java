package io.redlocklab.harness.history;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What one lock client writes into the history, already in the shape {@link Ops} describes. Time
 * comes from the run's one clock. A client runs on one thread, so its records are in order.
 *
 * <p>{@code validUntilNanos} is on the run clock: the time at which <em>this client</em> stops
 * believing it holds the lease. When the client's own clock drifts, convert its lease's validity
 * end to the run clock before passing it, so that the checkers see what the client believed. Null
 * means the client believes it holds the lease until it releases it (a client that keeps renewing).
 */
public final class ClientHistory {

  private final HistorySink sink;
  private final LongSupplier clock;
  private final String process;
  private final String mode;
  private final String resource;

  public ClientHistory(
      HistorySink sink, LongSupplier clock, int client, String mode, String resource) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.process = Ops.client(client);
    this.mode = Objects.requireNonNull(mode, "mode");
    this.resource = Objects.requireNonNull(resource, "resource");
  }

  public void acquireInvoked() {
    emit(HistoryRecord.INVOKE, Ops.ACQUIRE, null, null, null, List.of(), null, null);
  }

  public void acquired(
      String leaseValue, Long token, Long validUntilNanos, List<String> nodeOutcomes) {
    emit(
        HistoryRecord.OK,
        Ops.ACQUIRE,
        leaseValue,
        token,
        validUntilNanos,
        nodeOutcomes,
        null,
        null);
  }

  public void acquireFailed(String why, List<String> nodeOutcomes) {
    emit(HistoryRecord.FAIL, Ops.ACQUIRE, null, null, null, nodeOutcomes, null, why);
  }

  /** The lease was renewed (by the watchdog) and now ends at {@code validUntilNanos}. */
  public void extended(String leaseValue, Long token, Long validUntilNanos) {
    emit(HistoryRecord.OK, Ops.EXTEND, leaseValue, token, validUntilNanos, List.of(), null, null);
  }

  /** The client was told its lease is lost (watchdog); it stops using it from now on. */
  public void lost(String leaseValue, Long token, String why) {
    emit(HistoryRecord.INFO, Ops.LOST, leaseValue, token, null, List.of(), null, why);
  }

  /**
   * The client did not send its {@code read} or {@code write}: {@code why}, e.g. too little
   * validity.
   */
  public void skipped(String op, String leaseValue, Long token, String why) {
    emit(
        HistoryRecord.INFO, op, leaseValue, token, null, List.of(), null, Ops.SKIPPED + ": " + why);
  }

  public void releaseInvoked(String leaseValue, Long token) {
    emit(HistoryRecord.INVOKE, Ops.RELEASE, leaseValue, token, null, List.of(), null, null);
  }

  /**
   * @param detail e.g. {@code released on 3 nodes}
   */
  public void released(String leaseValue, Long token, String detail) {
    emit(HistoryRecord.OK, Ops.RELEASE, leaseValue, token, null, List.of(), null, detail);
  }

  public void readInvoked(String leaseValue, Long token) {
    emit(HistoryRecord.INVOKE, Ops.READ, leaseValue, token, null, List.of(), null, null);
  }

  /** The read was accepted; {@code size} is the number of elements read (the set is not stored). */
  public void readOk(String leaseValue, Long token, int size) {
    emit(HistoryRecord.OK, Ops.READ, leaseValue, token, null, List.of(), null, "size=" + size);
  }

  public void writeInvoked(String leaseValue, Long token, String element) {
    emit(HistoryRecord.INVOKE, Ops.WRITE, leaseValue, token, null, List.of(), element, null);
  }

  /** The write of {@code element} was acknowledged: it must be in the final set. */
  public void writeOk(String leaseValue, Long token, String element) {
    emit(HistoryRecord.OK, Ops.WRITE, leaseValue, token, null, List.of(), element, null);
  }

  /**
   * The fencing check rejected a {@code read} or {@code write}.
   *
   * @param why what the resource said, e.g. {@code stale token 7 < 9}
   */
  public void fenced(String op, String leaseValue, Long token, String element, String why) {
    emit(
        HistoryRecord.FAIL,
        op,
        leaseValue,
        token,
        null,
        List.of(),
        element,
        Ops.FENCED + ": " + why);
  }

  /**
   * A {@code read} or {@code write} that certainly did not take effect (e.g. connection refused).
   */
  public void opFailed(String op, String leaseValue, Long token, String element, String why) {
    emit(HistoryRecord.FAIL, op, leaseValue, token, null, List.of(), element, "error: " + why);
  }

  /** A {@code read} or {@code write} whose effect is unknown (e.g. a timeout after sending). */
  public void opUnknown(String op, String leaseValue, Long token, String element, String why) {
    emit(HistoryRecord.INFO, op, leaseValue, token, null, List.of(), element, why);
  }

  private void emit(
      String type,
      String op,
      String leaseValue,
      Long token,
      Long validUntilNanos,
      List<String> nodeOutcomes,
      String value,
      String detail) {
    sink.append(
        new HistoryRecord(
            clock.getAsLong(),
            type,
            process,
            op,
            mode,
            resource,
            leaseValue,
            token,
            validUntilNanos,
            nodeOutcomes,
            value,
            detail));
  }
}
