package io.redlocklab.harness.history;

/** Where records go as they happen. Implementations are thread-safe. */
@FunctionalInterface
public interface HistorySink {

  void append(HistoryRecord record);
}
