package io.redlocklab.harness.checker;

import io.redlocklab.harness.history.Ops;

/**
 * One read or write on the protected resource, its invoke paired with its completion.
 *
 * @param invokeNanos when the client sent it
 * @param doneNanos when its completion was recorded; {@link Long#MAX_VALUE} while pending
 */
public record ResourceOp(
    String client,
    String resource,
    String op,
    String leaseValue,
    String element,
    long invokeNanos,
    long doneNanos,
    Status status) {

  /** The outcome of a resource operation as the client saw it. */
  public enum Status {
    ACCEPTED,
    FENCED,
    FAILED,
    UNKNOWN,
    PENDING
  }

  public boolean isWrite() {
    return Ops.WRITE.equals(op);
  }

  /** The resource certainly received it: it accepted or rejected it. */
  public boolean seenByResource() {
    return status == Status.ACCEPTED || status == Status.FENCED;
  }
}
