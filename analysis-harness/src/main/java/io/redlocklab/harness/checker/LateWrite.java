package io.redlocklab.harness.checker;

/**
 * A write its client sent after its own lease had ended (use after validity), whatever the resource
 * then did with it.
 */
public record LateWrite(ResourceOp write, LeaseInterval lease) {

  public boolean accepted() {
    return write.status() == ResourceOp.Status.ACCEPTED;
  }
}
