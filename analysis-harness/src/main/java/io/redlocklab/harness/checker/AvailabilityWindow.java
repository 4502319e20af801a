package io.redlocklab.harness.checker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which acquire attempts the {@code unavailable} rule looks at (by the time each attempt ended).
 */
public enum AvailabilityWindow {
  /** The whole run. */
  RUN("run"),
  /**
   * While some fault is surely active: from each nemesis's {@code verified} event (its {@code
   * start} without one) to its {@code stop}.
   */
  FAULTS("faults"),
  /**
   * From the first nemesis {@code start} to the end of the run (faults whose effect outlives them).
   */
  AFTER_FIRST_FAULT("after-first-fault");

  private final String id;

  AvailabilityWindow(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static AvailabilityWindow of(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("unknown window '" + id + "'"));
  }

  public static Optional<AvailabilityWindow> find(String id) {
    return Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
