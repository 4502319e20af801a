package io.redlocklab.harness.mode;

import io.redlocklab.core.FencingMode;
import java.util.Objects;

/**
 * One column of the safety matrix: how the lock is set up. Data only; the runner turns it into
 * servers and a lock client.
 *
 * @param id the name scenario files use, e.g. {@code redlock-5-fenced-quorum}
 * @param title the column heading in the report
 * @param nodes N, the number of independent lock masters
 * @param fencing where fencing tokens come from; NONE means the resource checks nothing
 * @param needsReplica every master gets an async replica that a {@code failover} fault can promote
 * @param summary one sentence for the report's legend
 */
public record LockMode(
    String id, String title, int nodes, FencingMode fencing, boolean needsReplica, String summary) {

  public LockMode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(fencing, "fencing");
    Objects.requireNonNull(summary, "summary");
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
    }
  }

  /** True when the lease carries a token and the resource rejects older ones. */
  public boolean fenced() {
    return fencing != FencingMode.NONE;
  }

  /** N/2 + 1. */
  public int quorum() {
    return nodes / 2 + 1;
  }
}
