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
 * @param suiteHash SHA-256 of the suite and scenario files as run; shards merge only when equal
 * @param trials the {@code --trials} override, or null (the suite's or scenarios' own)
 * @param shard {@code i/n} when this run is one shard of a larger one, else null
 * @param interrupted set when the run was stopped before its end: its cells are only those done
 */
public record RunMetadata(
    String command,
    String suite,
    String startedAt,
    long wallMillis,
    Long seed,
    String backend,
    Map<String, String> environment,
    String suiteHash,
    Integer trials,
    String shard,
    Interruption interrupted) {

  public RunMetadata {
    environment =
        environment == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
  }

  /** A run that was not interrupted. */
  public RunMetadata(
      String command,
      String suite,
      String startedAt,
      long wallMillis,
      Long seed,
      String backend,
      Map<String, String> environment,
      String suiteHash,
      Integer trials,
      String shard) {
    this(
        command,
        suite,
        startedAt,
        wallMillis,
        seed,
        backend,
        environment,
        suiteHash,
        trials,
        shard,
        null);
  }

  /** These metadata, marked as those of a run stopped by {@code interruption}. */
  public RunMetadata withInterruption(Interruption interruption) {
    return new RunMetadata(
        command,
        suite,
        startedAt,
        wallMillis,
        seed,
        backend,
        environment,
        suiteHash,
        trials,
        shard,
        interruption);
  }

  /** A whole run without overrides of trials, of unknown suite version. */
  public RunMetadata(
      String command,
      String suite,
      String startedAt,
      long wallMillis,
      Long seed,
      String backend,
      Map<String, String> environment) {
    this(command, suite, startedAt, wallMillis, seed, backend, environment, null, null, null, null);
  }
}
