package io.redlocklab.harness.runner;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.Errors;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import io.redlocklab.harness.checker.Checker;
import io.redlocklab.harness.checker.Measurement;
import io.redlocklab.harness.cluster.ClusterBackend;
import io.redlocklab.harness.cluster.ClusterBackends;
import io.redlocklab.harness.cluster.RunningCluster;
import io.redlocklab.harness.cluster.Topology;
import io.redlocklab.harness.history.HistorySink;
import io.redlocklab.harness.history.HistorySinks;
import io.redlocklab.harness.history.JsonlHistoryWriter;
import io.redlocklab.harness.history.MemorySink;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.nemesis.ClientPauses;
import io.redlocklab.harness.nemesis.ClientProcesses;
import io.redlocklab.harness.nemesis.DriftingClock;
import io.redlocklab.harness.nemesis.Fault;
import io.redlocklab.harness.nemesis.NemesisContext;
import io.redlocklab.harness.nemesis.NemesisFactory;
import io.redlocklab.harness.nemesis.Timeline;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.Workload;
import io.redlocklab.harness.workload.LockSetWorkload;
import io.redlocklab.harness.workload.ProcessClients;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Runs one (scenario, mode) cell on real servers: topology → cluster → workload + fault timeline →
 * history → checkers. Found by the CLI through {@link java.util.ServiceLoader}.
 */
public final class LocalScenarioRunner implements ScenarioRunner {

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
  private static final Duration TIMELINE_GRACE = Duration.ofSeconds(30);

  private final MonotonicClock clock = MonotonicClock.system();

  @Override
  public void check(Scenario scenario, LockMode mode, RunOptions options) {
    if (scenario.notApplicable(mode).isPresent()) {
      return; // never started
    }
    Cell cell = Cell.of(scenario, mode, options, scenario.workload(mode));
    cell.backend().check(cell.topology());
    cell.nemeses().validate(cell.faults());
  }

  @Override
  public CellResult run(
      Scenario scenario, LockMode mode, RunOptions options, ProgressListener progress) {
    long seed = options.seedFor(scenario);
    Optional<String> notApplicable = scenario.notApplicable(mode);
    if (notApplicable.isPresent()) {
      return CellResult.notApplicable(scenario.name(), mode.id(), seed, notApplicable.get())
          .withTrial(options.trial());
    }
    long wallStart = System.nanoTime();
    String historyName = options.historyName(scenario, mode);
    MemorySink memory = new MemorySink();
    try (JsonlHistoryWriter file = JsonlHistoryWriter.open(prepare(options, scenario, mode))) {
      HistorySink history = HistorySinks.tee(memory, file);
      history.append(Ops.runStarted(clock.nanoTime(), scenario.name(), mode.id(), seed));
      runCell(scenario, mode, options, seed, history, memory, progress);
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      return CellResult.failed(
              scenario.name(),
              mode.id(),
              seed,
              Errors.oneLine(e),
              historyName,
              millisSince(wallStart))
          .withTrial(options.trial());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CellResult.failed(
              scenario.name(), mode.id(), seed, "interrupted", historyName, millisSince(wallStart))
          .withTrial(options.trial());
    }
    progress.phase("checking the history");
    Measurement measurement = Checker.check(memory.records(), scenario.checkSettings(mode));
    progress.update(measurement.cycles(), measurement.violations());
    return CellResult.measured(
            scenario.name(), mode.id(), seed, measurement, historyName, millisSince(wallStart))
        .withTrial(options.trial());
  }

  private void runCell(
      Scenario scenario,
      LockMode mode,
      RunOptions options,
      long seed,
      HistorySink history,
      MemorySink memory,
      ProgressListener progress)
      throws InterruptedException {
    Cell cell = Cell.of(scenario, mode, options, scenario.workload(mode).withSeed(seed));
    Workload workload = cell.workload();
    NemesisFactory nemeses = cell.nemeses();
    List<Fault> faults = cell.faults();
    nemeses.validate(faults);

    List<DriftingClock> clientClocks =
        IntStream.range(0, workload.clients()).mapToObj(k -> new DriftingClock(clock)).toList();
    progress.phase("starting servers");
    try (RunningCluster cluster = cell.backend().start(cell.topology());
        ProcessClients processes =
            workload.processClients()
                ? ProcessClients.launch(
                    mode.id(),
                    workload,
                    history,
                    clock,
                    clientClocks,
                    clientLogs(options, scenario, mode))
                : null) {
      ClientPauses pauses = new ClientPauses(history, clock);
      NemesisContext context =
          new NemesisContext(
              cluster,
              history,
              clock,
              pauses,
              clientClocks,
              processes == null ? ClientProcesses.NONE : processes);
      LockSetWorkload clients =
          new LockSetWorkload(mode.id(), workload, history, clock, pauses, clientClocks);
      if (processes != null) {
        clients.useProcesses(processes);
      }
      progress.phase("workload and faults");
      try (Timeline timeline = nemeses.timeline(faults, context);
          Progress reporter = new Progress(clients, memory, scenario, mode, progress)) {
        long start = clock.nanoTime();
        timeline.start(start);
        clients.run(
            start,
            mode.clients(),
            k -> servers(cluster, k),
            cluster.sentinelMaster(),
            cluster::addressMap,
            cluster::resourceEndpoint);
        // Clients with a cycle limit can finish early; every planned fault still has to run (and
        // prove itself).
        if (!timeline.awaitDone(workload.duration().plus(TIMELINE_GRACE).toMillis())) {
          throw new HarnessException(
              "the fault timeline did not finish within "
                  + TIMELINE_GRACE.toSeconds()
                  + " s after the workload's end");
        }
        timeline.close();
        if (!timeline.failures().isEmpty()) {
          throw new HarnessException(
              "fault did not take effect: " + timeline.failures().get(0).getMessage());
        }
      }
      clients.recordFinalSet(cluster.directResource());
      progress.phase(ProgressListener.STOPPING_SERVERS);
    }
  }

  /** Client {@code client}'s way to each lock server: its own proxies. */
  private static List<Endpoint> servers(RunningCluster cluster, int client) {
    return cluster.lockNodes(client).stream()
        .map(node -> new Endpoint(node.host(), node.port()))
        .toList();
  }

  /** What one cell runs: its workload, on which servers and backend, with which faults. */
  private record Cell(
      Scenario scenario,
      LockMode mode,
      Workload workload,
      Topology topology,
      ClusterBackend backend) {

    static Cell of(Scenario scenario, LockMode mode, RunOptions options, Workload workload) {
      Topology topology =
          Topology.builder()
              .server(mode.server())
              .masters(mode.nodes())
              .replicas(scenario.replicas(mode))
              .sentinel(mode.sentinel())
              .clients(workload.clients())
              .persistence(scenario.topology().persistence())
              .serverClocks(scenario.needsServerClocks(mode))
              .build();
      return new Cell(
          scenario, mode, workload, topology, ClusterBackends.byName(options.backend()));
    }

    List<Fault> faults() {
      return scenario.faults(mode);
    }

    NemesisFactory nemeses() {
      return new NemesisFactory(topology, backend.capabilities(), workload.duration().toMillis());
    }
  }

  /** Where a cell's client processes write their output: next to its history. */
  private static java.nio.file.Path clientLogs(
      RunOptions options, Scenario scenario, LockMode mode) {
    java.nio.file.Path history = options.historyFile(scenario, mode);
    return history.resolveSibling(
        history.getFileName().toString().replace(".jsonl.gz", "") + ".clients");
  }

  private static java.nio.file.Path prepare(RunOptions options, Scenario scenario, LockMode mode) {
    java.nio.file.Path file = options.historyFile(scenario, mode);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new InputException("cannot create " + file.getParent() + ": " + e.getMessage());
    }
    return file;
  }

  @Override
  public Map<String, String> environment() {
    return ServerVersions.read();
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Calls the progress listener every second with cycles and violations so far. */
  private static final class Progress implements AutoCloseable {
    private final Thread thread;

    Progress(
        LockSetWorkload clients,
        MemorySink memory,
        Scenario scenario,
        LockMode mode,
        ProgressListener listener) {
      thread =
          new Thread(
              () -> {
                try {
                  while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(PROGRESS_EVERY.toMillis());
                    long violations =
                        Checker.check(memory.records(), scenario.checkSettings(mode)).violations();
                    listener.update(clients.cycles(), violations);
                  }
                } catch (InterruptedException e) {
                  // the cell is over
                }
              },
              "progress");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }
}
