package io.redlocklab.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redlocklab.harness.Errors;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import io.redlocklab.harness.stats.Proportion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results.json}: the {@link RunResults} of a run, from which every report can be redrawn.
 */
public final class ResultsFile {

  public static final String NAME = "results.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

  /** The derived per-cell summary: written for readers, ignored (recomputed) when read back. */
  static final String SUMMARY = "summary";

  private ResultsFile() {}

  /** One entry per cell: its trials merged, as {@link TrialTally} computes them. */
  record CellSummary(
      String scenario,
      String mode,
      String predicted,
      boolean matches,
      TrialTally tally,
      Map<String, Interval> intervals) {}

  /** A rate with its 95% Wilson interval. */
  record Interval(long events, long of, Double rate, Double lower95, Double upper95) {
    static Interval of(Proportion p) {
      if (p == null) {
        return null;
      }
      return p.trials() == 0
          ? new Interval(0, 0, null, null, null)
          : new Interval(p.events(), p.trials(), p.rate(), p.lower(), p.upper());
    }
  }

  static List<CellSummary> summary(RunResults results) {
    List<CellSummary> cells = new ArrayList<>();
    for (Matrix.Cell cell : Matrix.of(results).cells()) {
      TrialTally t = cell.tally();
      Map<String, Interval> intervals = new LinkedHashMap<>();
      intervals.put("violations_per_lease", Interval.of(t.violations()));
      intervals.put("lost_updates_per_acknowledged_write", Interval.of(t.lostUpdates()));
      intervals.put("stale_writes_accepted_per_fenced_write", Interval.of(t.staleWrites()));
      intervals.put("violating_trials", Interval.of(t.violatingTrials()));
      cells.add(
          new CellSummary(
              cell.scenario().name(),
              cell.mode(),
              cell.prediction() == null ? null : cell.prediction().outcome().id(),
              cell.matches(),
              t,
              intervals));
    }
    return cells;
  }

  public static void write(Path file, RunResults results) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      ObjectNode json = MAPPER.valueToTree(results);
      json.set(SUMMARY, MAPPER.valueToTree(summary(results)));
      AtomicFiles.writeString(file, MAPPER.writeValueAsString(json) + "\n");
    } catch (IOException e) {
      throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static RunResults read(Path file) {
    try {
      JsonNode json = MAPPER.readTree(Files.readString(file));
      if (json instanceof ObjectNode object) {
        object.remove(SUMMARY);
      }
      return MAPPER.treeToValue(json, RunResults.class);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file; expected the " + NAME + " of a run");
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw new InputException(
          file
              + ":"
              + line
              + ": not a results file ("
              + e.getOriginalMessage().replaceAll("\\s+", " ")
              + "); expected the "
              + NAME
              + " of a run");
    } catch (IOException e) {
      throw new InputException(
          file + ": cannot read (" + Errors.oneLine(e) + "); expected the " + NAME + " of a run");
    }
  }
}
