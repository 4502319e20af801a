package io.redlocklab.harness.scenario;

import io.redlocklab.harness.mode.LockMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code run} runs: scenarios, each with the modes to run it in and its trials per cell. A
 * scenario file loads as a suite of one entry, or of one entry per value when it declares a sweep.
 */
public record Suite(String name, String description, Path file, List<Entry> entries) {

  /** The most trials a cell may have. */
  public static final int MAX_TRIALS = 10_000;

  public Suite {
    entries = List.copyOf(entries);
  }

  /**
   * A scenario, the modes of it to run (all its modes unless the suite names fewer) and the trials
   * per cell: the suite's {@code trials:} when given, else the scenario's, else 1.
   */
  public record Entry(Scenario scenario, List<LockMode> modes, int trials) {
    public Entry {
      modes = List.copyOf(modes);
      if (trials < 1) {
        throw new IllegalArgumentException("trials " + trials);
      }
    }

    public Entry(Scenario scenario, List<LockMode> modes) {
      this(scenario, modes, 1);
    }
  }

  /** One (scenario, mode) pair, run {@code trials} times. */
  public record Cell(Scenario scenario, LockMode mode, int trials) {
    public Cell(Scenario scenario, LockMode mode) {
      this(scenario, mode, 1);
    }
  }

  /** Every cell, scenario by scenario, modes in the scenario's order. */
  public List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (Entry entry : entries) {
      for (LockMode mode : entry.modes()) {
        cells.add(new Cell(entry.scenario(), mode, entry.trials()));
      }
    }
    return cells;
  }

  /** The same suite with every entry at {@code trials} (the {@code --trials} override). */
  public Suite withTrials(int trials) {
    return new Suite(
        name,
        description,
        file,
        entries.stream().map(e -> new Entry(e.scenario(), e.modes(), trials)).toList());
  }
}
