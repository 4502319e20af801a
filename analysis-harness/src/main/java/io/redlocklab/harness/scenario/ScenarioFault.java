package io.redlocklab.harness.scenario;

import io.redlocklab.harness.mode.LockMode;
import java.util.List;
import java.util.Map;

/**
 * One entry of a scenario's {@code faults:} list (docs/FAULTS.md), already checked against the
 * modes it applies to. Build the nemesis fault with {@code new Fault(type, atMillis,
 * durationMillis, repeatEveryMillis, params)}.
 *
 * @param params the type-specific keys (nodes, clients, latency_ms, ...) as plain Java values:
 *     Integer/Long, Double, String, List
 * @param modes the mode ids it applies to; empty for every mode of the scenario
 * @param where {@code file:line} of the entry, to prefix later errors with
 */
public record ScenarioFault(
    String type,
    long atMillis,
    long durationMillis,
    long repeatEveryMillis,
    Map<String, Object> params,
    List<String> modes,
    String where) {

  public ScenarioFault {
    params = Map.copyOf(params);
    modes = List.copyOf(modes);
  }

  public boolean appliesTo(LockMode mode) {
    return modes.isEmpty() || modes.contains(mode.id());
  }

  /** True for faults that move a server clock: the servers must run under the clock shim. */
  public boolean movesServerClock() {
    return type.equals("clock-jump") || type.equals("clock-drift");
  }
}
