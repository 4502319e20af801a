package io.redlocklab.harness.checker;

import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.Ops;
import java.util.ArrayList;
import java.util.List;

/** Builds hand-made histories for tests. Times are in ms; records carry nanos. */
final class H {

  static final String R = "lock-set";

  private final List<HistoryRecord> records = new ArrayList<>();
  private String resource = R;

  static H history() {
    return new H();
  }

  List<HistoryRecord> records() {
    return List.copyOf(records);
  }

  static long ns(long ms) {
    return ms * 1_000_000L;
  }

  H acquire(int client, long invokeMs, long okMs, String lease, Long token, long validUntilMs) {
    add(invokeMs, HistoryRecord.INVOKE, client, Ops.ACQUIRE, null, null, null, null, null);
    add(okMs, HistoryRecord.OK, client, Ops.ACQUIRE, lease, token, ns(validUntilMs), null, null);
    return this;
  }

  /** From here on, records are on {@code resource} instead of {@link #R}. */
  H on(String resource) {
    this.resource = resource;
    return this;
  }

  /** An {@code acquire ok} that carries no validity end (no invoke before it). */
  H acquiredWithoutValidity(int client, long okMs, String lease) {
    add(okMs, HistoryRecord.OK, client, Ops.ACQUIRE, lease, null, null, null, null);
    return this;
  }

  H acquireFail(int client, long invokeMs, long failMs) {
    add(invokeMs, HistoryRecord.INVOKE, client, Ops.ACQUIRE, null, null, null, null, null);
    add(failMs, HistoryRecord.FAIL, client, Ops.ACQUIRE, null, null, null, null, "taken");
    return this;
  }

  H acquireUnknown(int client, long invokeMs, long infoMs) {
    add(invokeMs, HistoryRecord.INVOKE, client, Ops.ACQUIRE, null, null, null, null, null);
    add(infoMs, HistoryRecord.INFO, client, Ops.ACQUIRE, null, null, null, null, "timeout");
    return this;
  }

  H extend(int client, long okMs, String lease, long validUntilMs) {
    add(okMs, HistoryRecord.OK, client, Ops.EXTEND, lease, null, ns(validUntilMs), null, null);
    return this;
  }

  H lost(int client, long atMs, String lease) {
    add(atMs, HistoryRecord.INFO, client, Ops.LOST, lease, null, null, null, "renewal failed");
    return this;
  }

  H release(int client, long invokeMs, String lease) {
    add(invokeMs, HistoryRecord.INVOKE, client, Ops.RELEASE, lease, null, null, null, null);
    add(
        invokeMs + 1,
        HistoryRecord.OK,
        client,
        Ops.RELEASE,
        lease,
        null,
        null,
        null,
        "released=1/1");
    return this;
  }

  /** {@code outcome}: ok, fenced, fail or info. */
  H read(int client, long invokeMs, long doneMs, String lease, Long token, String outcome) {
    add(invokeMs, HistoryRecord.INVOKE, client, Ops.READ, lease, token, null, null, null);
    complete(client, doneMs, Ops.READ, lease, token, null, outcome);
    return this;
  }

  /** {@code outcome}: ok, fenced, fail or info. */
  H write(
      int client,
      long invokeMs,
      long doneMs,
      String lease,
      Long token,
      String element,
      String outcome) {
    add(invokeMs, HistoryRecord.INVOKE, client, Ops.WRITE, lease, token, null, element, null);
    complete(client, doneMs, Ops.WRITE, lease, token, element, outcome);
    return this;
  }

  /** The client decided not to use its lease for {@code op}; nothing reached the resource. */
  H skipped(int client, long atMs, String op, String lease) {
    add(
        atMs,
        HistoryRecord.INFO,
        client,
        op,
        lease,
        null,
        null,
        null,
        "skipped: 1 ms validity left");
    return this;
  }

  H finalRead(long atMs, String... elements) {
    records.add(Ops.finalRead(ns(atMs), "m", resource, List.of(elements)));
    return this;
  }

  H nemesis(String name, long startMs, long verifiedMs, long stopMs) {
    records.add(HistoryRecord.nemesis(ns(startMs), name, "start: cut"));
    records.add(HistoryRecord.nemesis(ns(verifiedMs), name, "verified: refused"));
    records.add(HistoryRecord.nemesis(ns(stopMs), name, "stop: restored"));
    return this;
  }

  /** process-crash killed {@code client}'s JVM at {@code atMs}. */
  H killed(int client, long atMs) {
    records.add(Ops.clientKilled(ns(atMs), "process-crash", client, "at after-acquire"));
    return this;
  }

  /**
   * A record at {@code atMs} that only moves the end of the run: a run header, which no checker
   * reads.
   */
  H tick(long atMs) {
    records.add(Ops.runStarted(ns(atMs), "s", "m", 0));
    return this;
  }

  private void complete(
      int client,
      long doneMs,
      String op,
      String lease,
      Long token,
      String element,
      String outcome) {
    String type =
        switch (outcome) {
          case "ok" -> HistoryRecord.OK;
          case "fenced", "fail" -> HistoryRecord.FAIL;
          case "info" -> HistoryRecord.INFO;
          default -> throw new IllegalArgumentException(outcome);
        };
    String detail =
        switch (outcome) {
          case "fenced" -> Ops.FENCED + ": newer seen";
          case "fail" -> "error: refused";
          case "info" -> "timeout";
          default -> null;
        };
    add(doneMs, type, client, op, lease, token, null, element, detail);
  }

  private void add(
      long ms,
      String type,
      int client,
      String op,
      String lease,
      Long token,
      Long validUntil,
      String value,
      String detail) {
    records.add(
        new HistoryRecord(
            ns(ms),
            type,
            Ops.client(client),
            op,
            "m",
            resource,
            lease,
            token,
            validUntil,
            List.of(),
            value,
            detail));
  }
}
