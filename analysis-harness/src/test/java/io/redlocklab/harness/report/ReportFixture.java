package io.redlocklab.harness.report;

import io.redlocklab.harness.checker.CheckSettings;
import io.redlocklab.harness.checker.Checker;
import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.history.ClientHistory;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.JsonlHistoryWriter;
import io.redlocklab.harness.history.MemorySink;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.scenario.Prediction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small fixed run: gc-pause (redlock-5 violates as predicted, fenced-quorum holds as predicted)
 * and no-faults (single-instance violates though predicted holds; redlock-3 failed to run).
 */
final class ReportFixture {

  private ReportFixture() {}

  static RunResults write(Path resultsDir) {
    ScenarioSummary gc =
        new ScenarioSummary(
            "gc-pause",
            "06 · GC pause",
            "A pause.",
            List.of("Kleppmann 2016"),
            "scenarios/06.yaml",
            606,
            List.of("redlock-5", "redlock-5-fenced-quorum"),
            "3 clients",
            List.of("client-pause at 1000 ms"),
            predictions(
                "redlock-5", new Prediction(Outcome.VIOLATES, "pause past TTL", "Kleppmann 2016"),
                "redlock-5-fenced-quorum",
                    new Prediction(Outcome.HOLDS, "fencing rejects", "Kleppmann 2016")));
    ScenarioSummary none =
        new ScenarioSummary(
            "no-faults",
            "01 · No faults",
            "Nothing | injected.",
            List.of("redis.io"),
            "scenarios/01.yaml",
            101,
            List.of("single-instance", "redlock-3"),
            "3 clients",
            List.of(),
            predictions(
                "single-instance", new Prediction(Outcome.HOLDS, "one node", "redis.io"),
                "redlock-3", new Prediction(Outcome.HOLDS, "majority", "redis.io")));

    List<CellResult> cells =
        List.of(
            cell(resultsDir, "gc-pause", "redlock-5", true, false),
            cell(resultsDir, "gc-pause", "redlock-5-fenced-quorum", false, true),
            cell(resultsDir, "no-faults", "single-instance", true, false),
            CellResult.failed(
                "no-faults", "redlock-3", 101, "fault did not take effect: probe", null, 300));
    RunMetadata meta =
        new RunMetadata(
            "scripts/lab run scenarios/ci.suite.yaml",
            "scenarios/ci.suite.yaml",
            "2024-01-01T00:00:00Z",
            65_000,
            null,
            "local",
            Map.of("java", "17", "redis-server", "7.0.15"));
    return new RunResults(meta, List.of(gc, none), cells);
  }

  private static Map<String, Prediction> predictions(
      String m1, Prediction p1, String m2, Prediction p2) {
    Map<String, Prediction> map = new LinkedHashMap<>();
    map.put(m1, p1);
    map.put(m2, p2);
    return map;
  }

  /** One measured unfenced trial: violates with {@code overlap}, else holds. */
  static CellResult measured(Path dir, String scenario, String mode, boolean overlap) {
    return cell(dir, scenario, mode, overlap, false);
  }

  /** A history with two clients; with {@code overlap} their leases intersect; written as JSONL. */
  static CellResult cell(Path dir, String scenario, String mode, boolean overlap, boolean fenced) {
    MemorySink memory = new MemorySink();
    AtomicLong ms = new AtomicLong();
    ClientHistory c0 = new ClientHistory(memory, () -> ms.get() * 1_000_000, 0, mode, "lock-set");
    ClientHistory c1 = new ClientHistory(memory, () -> ms.get() * 1_000_000, 1, mode, "lock-set");
    memory.append(Ops.runStarted(0, scenario, mode, 606));
    memory.append(HistoryRecord.nemesis(100_000_000, "client-pause", "start: client-0"));
    c0.acquireInvoked();
    ms.set(2);
    c0.acquired("a", fenced ? 1L : null, 1_000_000_000L, List.of("n0=OK"));
    ms.set(overlap ? 500 : 1100);
    c0.writeInvoked("a", fenced ? 1L : null, "c0-1");
    c0.writeOk("a", fenced ? 1L : null, "c0-1");
    ms.set(1200);
    c0.releaseInvoked("a", null);
    c1.acquireInvoked();
    ms.set(overlap ? 600 : 1300);
    c1.acquired("b", fenced ? 2L : null, (overlap ? 1600 : 2300) * 1_000_000L, List.of("n0=OK"));
    c1.writeInvoked("b", fenced ? 2L : null, "c1-1");
    c1.writeOk("b", fenced ? 2L : null, "c1-1");
    ms.set(2400);
    c1.releaseInvoked("b", null);
    memory.append(HistoryRecord.nemesis(2_000_000_000L, "client-pause", "stop"));
    memory.append(Ops.finalRead(2_500_000_000L, mode, "lock-set", List.of("c0-1", "c1-1")));

    String name = "histories/" + scenario + "--" + mode + ".jsonl";
    try (JsonlHistoryWriter writer = JsonlHistoryWriter.open(dir.resolve(name))) {
      memory.records().forEach(writer::append);
    }
    return CellResult.measured(
        scenario,
        mode,
        606,
        Checker.check(memory.records(), CheckSettings.defaults(fenced)),
        name,
        9_000);
  }
}
