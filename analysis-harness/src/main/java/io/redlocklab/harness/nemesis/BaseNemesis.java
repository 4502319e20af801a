package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.history.HistoryRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start/verify/stop protocol every nemesis follows; subclasses say what they inject, how they
 * measure it and how they heal.
 */
abstract class BaseNemesis implements Nemesis {

  private static final Logger log = LoggerFactory.getLogger(BaseNemesis.class);

  final String name;
  final NemesisContext context;
  private boolean active;

  BaseNemesis(String name, NemesisContext context) {
    this.name = name;
    this.context = context;
  }

  @Override
  public final String name() {
    return name;
  }

  /**
   * Picks what this start acts on, before it is described; a fault whose nodes are chosen by role
   * (the leader) looks them up here. Throws when it cannot choose.
   */
  void choose() {}

  /** What is about to happen, e.g. "cut c0-n3, c0-n4". */
  abstract String describe();

  /**
   * Injects the fault, remembering each step so that {@link #heal()} undoes exactly what was done.
   */
  abstract void inject();

  /** Measures that the fault took effect; returns what was measured; throws when it did not. */
  abstract String verify();

  /**
   * Undoes the fault; returns a note on what was measured after healing (may be empty). Throws,
   * after undoing it, when the fault turned out to have had no effect during its window.
   */
  abstract String heal();

  @Override
  public final synchronized void start() {
    if (active) {
      return;
    }
    try {
      choose();
    } catch (RuntimeException e) {
      record("failed: " + e.getMessage());
      throw notInEffect(e.getMessage());
    }
    record("start: " + describe());
    active = true;
    try {
      inject();
      record("verified: " + verify());
    } catch (RuntimeException e) {
      healQuietly();
      record("failed: " + e.getMessage());
      throw e instanceof HarnessException
          ? e
          : new HarnessException(name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public final synchronized void stop() {
    if (!active) {
      return;
    }
    active = false;
    String note;
    try {
      note = heal();
    } catch (RuntimeException e) {
      record("failed: " + e.getMessage());
      throw e instanceof HarnessException
          ? e
          : new HarnessException(name + ": " + e.getMessage(), e);
    }
    record(note.isEmpty() ? "stop" : "stop: " + note);
  }

  final void record(String phase) {
    log.info("{} {}", name, phase);
    context.history().append(HistoryRecord.nemesis(context.clock().nanoTime(), name, phase));
  }

  /** Thrown by verify(): the fault was injected but its effect was not observed. */
  final HarnessException notInEffect(String what) {
    return new HarnessException(name + " did not take effect: " + what);
  }

  private void healQuietly() {
    active = false;
    try {
      heal();
    } catch (RuntimeException e) {
      log.warn("{}: healing after a failed start failed too: {}", name, e.toString());
    }
  }
}
