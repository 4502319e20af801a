package io.redlocklab.harness.history;

import java.util.List;

/** Combinators over {@link HistorySink}. */
public final class HistorySinks {

  private HistorySinks() {}

  /** Appends every record to each sink, in the order given. */
  public static HistorySink tee(HistorySink... sinks) {
    List<HistorySink> all = List.of(sinks);
    return record -> {
      for (HistorySink sink : all) {
        sink.append(record);
      }
    };
  }
}
