package io.redlocklab.harness.scenario;

import io.redlocklab.harness.mode.LockMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code run} runs: scenarios, each with the modes to run it in. A scenario file loads as
 * a suite of one entry, or of one entry per value when it declares a sweep.
 */
public record Suite(String name, String description, Path file, List<Entry> entries) {

  public Suite {
    entries = List.copyOf(entries);
  }

  /** A scenario and the modes of it to run (all its modes unless the suite names fewer). */
  public record Entry(Scenario scenario, List<LockMode> modes) {
    public Entry {
      modes = List.copyOf(modes);
    }
  }

  /** One (scenario, mode) pair. */
  public record Cell(Scenario scenario, LockMode mode) {}

  /** Every cell, scenario by scenario, modes in the scenario's order. */
  public List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (Entry entry : entries) {
      for (LockMode mode : entry.modes()) {
        cells.add(new Cell(entry.scenario(), mode));
      }
    }
    return cells;
  }
}
