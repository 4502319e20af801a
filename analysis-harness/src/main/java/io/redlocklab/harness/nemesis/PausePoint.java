package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.InputException;
import java.util.Arrays;
import java.util.function.Function;

/** Where in a client's lock cycle a client pause ("GC") can strike. */
public enum PausePoint {
  /** The lease is granted; the client has not used it yet. */
  AFTER_ACQUIRE("after-acquire"),
  /** The SETs are sent and the client is about to read the replies ({@code requestsSent}). */
  DURING_ACQUIRE("during-acquire"),
  /** The client is done with the resource and about to release. */
  BEFORE_RELEASE("before-release");

  private final String id;

  PausePoint(String id) {
    this.id = id;
  }

  /** The name scenario files use. */
  public String id() {
    return id;
  }

  static String[] ids() {
    return Arrays.stream(values()).map(PausePoint::id).toArray(String[]::new);
  }

  static PausePoint parse(String id, Function<String, InputException> error) {
    return Arrays.stream(values())
        .filter(p -> p.id.equals(id))
        .findFirst()
        .orElseThrow(() -> error.apply("point must be one of " + String.join(", ", ids())));
  }

  @Override
  public String toString() {
    return id;
  }
}
