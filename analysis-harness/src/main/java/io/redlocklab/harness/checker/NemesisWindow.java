package io.redlocklab.harness.checker;

/**
 * A fault in effect: from its nemesis {@code start} event to its {@code stop} (or {@code failed})
 * event; {@code healed} is false when no stop came and the window runs to the end of the history.
 *
 * @param verifiedNanos when the nemesis had measured that the fault took effect; null when it never
 *     said so
 */
public record NemesisWindow(
    String nemesis, long startNanos, Long verifiedNanos, long endNanos, boolean healed) {

  /** From the verification (or the start, without one) to the end: surely in effect. */
  public long effectiveStartNanos() {
    return verifiedNanos == null ? startNanos : Math.min(verifiedNanos, endNanos);
  }
}
