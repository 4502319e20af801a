package io.redlocklab.harness.checker;

/**
 * The time during which a client believed it held a lease: from its {@code acquire ok} to the
 * earliest of its {@code release} invoke, its {@code lost} notice, its validity end (moved by each
 * {@code extend ok} that came in time) and the SIGKILL of its JVM (process-crash), or the end of
 * the run.
 *
 * @param endedBy release | validity | lost | killed | run-end
 * @param renewals extensions that moved the end
 */
public record LeaseInterval(
    String client,
    String resource,
    String leaseValue,
    Long token,
    long startNanos,
    long endNanos,
    String endedBy,
    int renewals) {

  /** True when two intervals share some time: touching ends ({@code a.end == b.start}) do not. */
  public boolean intersects(LeaseInterval other) {
    return startNanos < other.endNanos
        && other.startNanos < endNanos
        && startNanos < endNanos
        && other.startNanos < other.endNanos;
  }
}
