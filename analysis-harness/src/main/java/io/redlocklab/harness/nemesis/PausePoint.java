package io.redlocklab.harness.nemesis;

import java.util.Arrays;
import java.util.List;

/** Where in a client's lock cycle a client pause ("GC") can strike. */
public enum PausePoint {
  /** The lease is granted; the client has not used it yet. */
  AFTER_ACQUIRE("after-acquire"),
  /** The SETs are sent and the client is about to read the replies ({@code requestsSent}). */
  DURING_ACQUIRE("during-acquire"),
  /** The client is done with the resource and about to release. */
  BEFORE_RELEASE("before-release"),
  /**
   * The watchdog sent a renewal of the held lease and is about to read the replies ({@code
   * renewalSent}); this stops the watchdog's thread, not the workload's.
   */
  DURING_RENEWAL("during-renewal");

  private final String id;

  PausePoint(String id) {
    this.id = id;
  }

  /** The name scenario files use. */
  public String id() {
    return id;
  }

  /** Every name, in order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(PausePoint::id).toList();
  }

  /** The point named {@code id}; an unknown name is a programming error (files are checked). */
  public static PausePoint of(String id) {
    return Arrays.stream(values())
        .filter(p -> p.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown pause point '" + id + "'"));
  }

  @Override
  public String toString() {
    return id;
  }
}
