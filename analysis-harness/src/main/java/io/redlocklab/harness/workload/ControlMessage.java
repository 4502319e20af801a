package io.redlocklab.harness.workload;

import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.nemesis.PausePoint;

/**
 * One line of the control channel between the harness and a client process (JSON, one object per
 * line). Harness to child: {@code config}, {@code rate}, {@code arm}, {@code disarm}, {@code go}.
 * Child to harness: {@code hello} (its index, pid and {@code System.nanoTime()}, for the clock
 * check), {@code record} (a history record, timed on the shared monotonic clock), {@code beat}
 * (heartbeat), {@code point} (it reached an armed point and waits for {@code go}), {@code resumed}
 * (let go at the point; {@code nanos} = the gap its own clock saw there), {@code gap} (its
 * heartbeat saw its own clock jump by {@code nanos}), {@code done}.
 *
 * @param kind one of the kinds above
 * @param client the child's workload index (hello)
 * @param point a {@link PausePoint} id (arm, disarm, point, resumed)
 * @param rate the client clock's new rate (rate)
 * @param nanos a monotonic reading or a gap, per kind
 * @param pid the child's process id (hello)
 * @param record the history record (record)
 * @param config what the child runs (config)
 */
record ControlMessage(
    String kind,
    Integer client,
    String point,
    Double rate,
    Long nanos,
    Long pid,
    HistoryRecord record,
    ChildConfig config) {

  static final String CONFIG = "config";
  static final String RATE = "rate";
  static final String ARM = "arm";
  static final String DISARM = "disarm";
  static final String GO = "go";
  static final String HELLO = "hello";
  static final String RECORD = "record";
  static final String BEAT = "beat";
  static final String POINT = "point";
  static final String RESUMED = "resumed";
  static final String GAP = "gap";
  static final String DONE = "done";

  static ControlMessage config(ChildConfig config) {
    return new ControlMessage(CONFIG, null, null, null, null, null, null, config);
  }

  static ControlMessage rate(double rate) {
    return new ControlMessage(RATE, null, null, rate, null, null, null, null);
  }

  static ControlMessage atPoint(String kind, PausePoint point) {
    return new ControlMessage(kind, null, point.id(), null, null, null, null, null);
  }

  static ControlMessage go() {
    return new ControlMessage(GO, null, null, null, null, null, null, null);
  }

  static ControlMessage hello(int client, long nanos, long pid) {
    return new ControlMessage(HELLO, client, null, null, nanos, pid, null, null);
  }

  static ControlMessage record(HistoryRecord record) {
    return new ControlMessage(RECORD, null, null, null, null, null, record, null);
  }

  static ControlMessage timed(String kind, long nanos) {
    return new ControlMessage(kind, null, null, null, nanos, null, null, null);
  }

  static ControlMessage resumed(PausePoint point, long gapNanos) {
    return new ControlMessage(RESUMED, null, point.id(), null, gapNanos, null, null, null);
  }

  static ControlMessage done() {
    return new ControlMessage(DONE, null, null, null, null, null, null, null);
  }

  /** The point this message names. */
  PausePoint pausePoint() {
    return PausePoint.of(point);
  }
}
