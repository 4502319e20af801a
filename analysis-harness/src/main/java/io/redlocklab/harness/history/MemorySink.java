package io.redlocklab.harness.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every record in memory, in append order. Thread-safe. The runner checks a cell from it (and
 * from a snapshot while the cell runs, for live progress); tests build histories with it.
 */
public final class MemorySink implements HistorySink {

  private final List<HistoryRecord> records = new ArrayList<>();

  @Override
  public synchronized void append(HistoryRecord record) {
    records.add(record);
  }

  /** A copy of the records so far. */
  public synchronized List<HistoryRecord> records() {
    return List.copyOf(records);
  }
}
