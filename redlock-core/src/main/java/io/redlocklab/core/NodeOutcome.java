package io.redlocklab.core;

import java.time.Duration;

/**
 * What one node answered to one request of an acquire, extend or release.
 *
 * @param node the node's {@code host:port}
 * @param status the answer
 * @param latency time from sending to the answer (or to giving up)
 * @param detail an error message for {@link Status#ERROR}, otherwise empty
 */
public record NodeOutcome(String node, Status status, Duration latency, String detail) {

  /** The four answers a node can give, and {@link #UNKNOWN} for an answer not awaited. */
  public enum Status {
    /** The node accepted the request. */
    OK,
    /** The node refused: another holder's value is there (or, on release/extend, ours is gone). */
    TAKEN,
    /** The node answered with an error or the connection failed. */
    ERROR,
    /** No answer within the per-node timeout. The request may still have landed. */
    TIMEOUT,
    /** Not awaited: the quorum was already decided when the answer would have come. */
    UNKNOWN
  }

  public boolean isOk() {
    return status == Status.OK;
  }

  @Override
  public String toString() {
    return node + "=" + status + (detail.isEmpty() ? "" : "(" + detail + ")");
  }
}
