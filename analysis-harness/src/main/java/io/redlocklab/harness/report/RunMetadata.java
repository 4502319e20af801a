package io.redlocklab.harness.report;

import java.util.Map;

/**
 * How the run came about, for the report's reproduce and environment sections.
 *
 * @param command the command line as given, e.g. {@code redlock-lab run scenarios/full.suite.yaml}
 * @param suite the suite or scenario file that was run
 * @param startedAt ISO-8601 start time
 * @param wallMillis wall time of the whole run
 * @param seed the {@code --seed} override, or null (each scenario's own seed)
 * @param backend local, testcontainers or external
 * @param environment versions and machine facts, in display order
 */
public record RunMetadata(
    String command,
    String suite,
    String startedAt,
    long wallMillis,
    Long seed,
    String backend,
    Map<String, String> environment) {

  public RunMetadata {
    environment =
        environment == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
  }
}
