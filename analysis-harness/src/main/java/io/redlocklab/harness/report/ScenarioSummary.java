package io.redlocklab.harness.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.nemesis.Fault;
import io.redlocklab.harness.scenario.Prediction;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.SweepPoint;
import io.redlocklab.harness.scenario.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report needs of a scenario, kept in the results file so that {@code report <dir>} can
 * redraw the report without the scenario files.
 *
 * @param compareWith the counterpart scenario's name ({@code compare_with}), or null
 * @param processClients the clients ran as JVM processes ({@code clients_as: processes})
 * @param sweep null unless the scenario is a row of a sweep
 */
public record ScenarioSummary(
    String name,
    String title,
    String description,
    List<String> sources,
    String file,
    long seed,
    List<String> modes,
    String workload,
    List<String> faults,
    Map<String, Prediction> predictions,
    String compareWith,
    boolean processClients,
    SweepPoint sweep) {

  /** A summary with no counterpart, its clients as threads, not a sweep row. */
  public ScenarioSummary(
      String name,
      String title,
      String description,
      List<String> sources,
      String file,
      long seed,
      List<String> modes,
      String workload,
      List<String> faults,
      Map<String, Prediction> predictions) {
    this(
        name,
        title,
        description,
        sources,
        file,
        seed,
        modes,
        workload,
        faults,
        predictions,
        null,
        false,
        null);
  }

  @JsonCreator
  public ScenarioSummary {
    sources = List.copyOf(sources);
    modes = List.copyOf(modes);
    faults = List.copyOf(faults);
    predictions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
  }

  /** The summary of {@code scenario} as run with {@code modes} and {@code seed}. */
  public static ScenarioSummary of(Scenario scenario, List<LockMode> modes, long seed) {
    Map<String, Prediction> predictions = new LinkedHashMap<>();
    for (LockMode mode : modes) {
      predictions.put(mode.id(), scenario.prediction(mode));
    }
    List<String> faults = new ArrayList<>();
    for (Fault fault : scenario.allFaults()) {
      faults.add(describe(fault));
    }
    Workload w = scenario.workload(modes.get(0));
    String workload =
        w.clients()
            + " clients, ttl "
            + w.ttl().toMillis()
            + " ms, work "
            + w.work().toMillis()
            + " ms, "
            + w.duration().toMillis()
            + " ms"
            + (w.cycles() > 0 ? " or " + w.cycles() + " cycles" : "")
            + (w.watchdog() ? ", watchdog on" : "")
            + (w.processClients() ? ", clients as JVM processes" : "")
            + ", respect validity: "
            + respect(scenario, modes);
    return new ScenarioSummary(
        scenario.name(),
        scenario.title(),
        scenario.description(),
        scenario.sources(),
        scenario.file().toString().replace('\\', '/'),
        seed,
        modes.stream().map(LockMode::id).toList(),
        workload,
        faults,
        predictions,
        scenario.compareWith().orElse(null),
        w.processClients(),
        scenario.sweep().orElse(null));
  }

  private static String respect(Scenario scenario, List<LockMode> modes) {
    List<Boolean> values =
        modes.stream().map(m -> scenario.workload(m).respectValidity()).distinct().toList();
    if (values.size() == 1) {
      return values.get(0) ? "yes" : "no";
    }
    List<String> parts = new ArrayList<>();
    for (LockMode mode : modes) {
      parts.add(mode.id() + "=" + (scenario.workload(mode).respectValidity() ? "yes" : "no"));
    }
    return String.join(", ", parts);
  }

  static String describe(Fault fault) {
    StringBuilder text =
        new StringBuilder(fault.type().id()).append(" at ").append(fault.atMillis()).append(" ms");
    if (fault.durationMillis() > 0) {
      text.append(" for ").append(fault.durationMillis()).append(" ms");
    }
    if (fault.repeatEveryMillis() > 0) {
      text.append(", every ").append(fault.repeatEveryMillis()).append(" ms");
    }
    if (!fault.params().isEmpty()) {
      List<String> params = new ArrayList<>();
      fault.params().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> params.add(e.getKey() + "=" + e.getValue()));
      text.append(" (").append(String.join(", ", params)).append(")");
    }
    if (!fault.modes().isEmpty()) {
      text.append(" [only ").append(String.join(", ", fault.modes())).append("]");
    }
    return text.toString();
  }
}
