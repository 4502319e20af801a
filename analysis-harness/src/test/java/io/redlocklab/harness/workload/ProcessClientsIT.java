package io.redlocklab.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.checker.Outcome;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.history.JsonlHistory;
import io.redlocklab.harness.history.MemorySink;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.nemesis.DriftingClock;
import io.redlocklab.harness.runner.CellResult;
import io.redlocklab.harness.runner.LocalScenarioRunner;
import io.redlocklab.harness.runner.ProgressListener;
import io.redlocklab.harness.runner.RunOptions;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import io.redlocklab.harness.scenario.Workload;
import io.redlocklab.testkit.RedisNodesExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client JVMs on real servers: none outlives its cell, whether the cell ends, fails, or its harness
 * JVM is SIGKILLed or interrupted (Ctrl-C), even a SIGSTOPped child; a child that cannot start, or
 * reads another clock, fails the launch with its own words; and the children's records sit on the
 * harness's clock. Children (and their wrappers' sh and cat) are found by their working directory,
 * the cell's client log directory.
 */
class ProcessClientsIT {

  private static final Duration GONE_WITHIN = Duration.ofSeconds(5);
  private static final String MODE = "single-instance";

  @TempDir Path dir;

  @BeforeEach
  void serversInstalled() {
    RedisNodesExtension.requireServers();
  }

  private Path scenario(long durationMs, String faults) throws IOException {
    return scenario(MODE, durationMs, faults);
  }

  private Path scenario(String mode, long durationMs, String faults) throws IOException {
    Path file = dir.resolve("procs.yaml");
    Files.writeString(
        file,
        """
        name: procs
        title: "process clients IT"
        description: "two client JVMs"
        source: ["Jepsen: processes are paused with SIGSTOP"]
        modes: [%1$s]
        workload:
          clients: 2
          clients_as: processes
          ttl_ms: 1000
          work_ms: 50
          think_ms: 20
          duration_ms: %2$d
          seed: 7
          respect_validity: true
        faults: %3$s
        predictions:
          %1$s: {outcome: holds, reason: "no pause past the TTL", citation: "redis.io distlock"}
        """
            .formatted(mode, durationMs, faults));
    return file;
  }

  /** Where the runner puts the client JVMs' logs: beside trial 0's history. */
  private Path clientsDir(Path out) {
    return out.resolve("histories").resolve("procs--" + MODE + "--t0.clients");
  }

  private CellResult runCell(Path scenarioFile, Path out) throws IOException {
    return runCell(scenarioFile, out, MODE);
  }

  private CellResult runCell(Path scenarioFile, Path out, String mode) throws IOException {
    Scenario scenario = ScenarioLoader.loadScenario(scenarioFile);
    return new LocalScenarioRunner()
        .run(
            scenario,
            LockModes.find(mode).orElseThrow(),
            new RunOptions(null, out, "local"),
            ProgressListener.NONE);
  }

  @Test
  void childrenEndWithTheirCellAndRecordOnTheHarnessClock() throws Exception {
    Path out = dir.resolve("out");
    Path clients = clientsDir(out);
    List<Long> seen = new ArrayList<>();
    CompletableFuture<Void> watcher =
        CompletableFuture.runAsync(
            () -> {
              seen.addAll(awaitBothClients(clients, Duration.ofSeconds(30)));
            });
    String pause =
        """

          - type: process-pause
            clients: [0]
            point: after-acquire
            pause_ms: 400
            at_ms: 200
            duration_ms: 1500
        """;
    CellResult cell = runCell(scenario(3000, pause), out);
    watcher.get(5, TimeUnit.SECONDS);

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.HOLDS);
    assertThat(seen).as("both JVMs and their wrappers (sh, cat)").hasSize(6);
    assertAllGone(seen);

    List<HistoryRecord> history = JsonlHistory.read(out.resolve(cell.historyFile()));
    // A record the harness stamps is later than every record a child stamped before it arrived.
    long latestChild = Long.MIN_VALUE;
    int harnessAfterChild = 0;
    for (HistoryRecord r : history) {
      if (r.process().startsWith("client-")) {
        latestChild = Math.max(latestChild, r.timeNanos());
      } else if (latestChild != Long.MIN_VALUE) {
        assertThat(r.timeNanos()).as("harness record %s", r).isGreaterThanOrEqualTo(latestChild);
        harnessAfterChild++;
      }
    }
    assertThat(harnessAfterChild).isGreaterThan(2);
    // While client 0's JVM was stopped it stamped nothing: its records avoid the harness's window.
    long stop = nemesisTime(history, "SIGSTOP at");
    long cont = nemesisTime(history, "SIGCONT at");
    assertThat(cont - stop).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
    assertThat(
            history.stream()
                .filter(r -> r.process().equals("client-0"))
                .filter(r -> r.timeNanos() > stop && r.timeNanos() < cont))
        .isEmpty();
    assertThat(
            history.stream()
                .filter(r -> r.process().equals("client-0"))
                .filter(r -> r.timeNanos() > cont))
        .as("client 0 goes on after the pause")
        .isNotEmpty();
  }

  /** Under Sentinel each child JVM finds the master through the sentinels, as a thread does. */
  @ParameterizedTest
  @ValueSource(strings = {"sentinel", "redisson-rlock-sentinel"})
  void childrenRunSentinelModes(String mode) throws Exception {
    Path out = dir.resolve("out");
    CellResult cell = runCell(scenario(mode, 3000, "[]"), out, mode);

    assertThat(cell.error()).isNull();
    assertThat(cell.outcome()).isEqualTo(Outcome.HOLDS);
    List<HistoryRecord> history = JsonlHistory.read(out.resolve(cell.historyFile()));
    for (String client : List.of("client-0", "client-1")) {
      assertThat(
              history.stream()
                  .filter(r -> r.process().equals(client))
                  .filter(r -> r.op().equals("acquire") && r.type().equals(HistoryRecord.OK)))
          .as("%s's grants", client)
          .isNotEmpty();
    }
  }

  @Test
  void aFailedCellLeavesNoChild() throws Exception {
    Path out = dir.resolve("out");
    Path clients = clientsDir(out);
    List<Long> seen = new ArrayList<>();
    CompletableFuture<Long> killer =
        CompletableFuture.supplyAsync(
            () -> {
              seen.addAll(awaitBothClients(clients, Duration.ofSeconds(30)));
              long victim = child(clients, 1);
              // Connected to the harness and to a server: it runs the workload.
              await(Duration.ofSeconds(30), () -> sockets(victim) >= 2);
              sleep(300);
              kill(victim);
              return victim;
            });
    CellResult cell = runCell(scenario(3000, "[]"), out);
    long victim = killer.get(5, TimeUnit.SECONDS);

    assertThat(cell.error())
        .contains("client-1's JVM (pid " + victim + ") exited before the end of the workload");
    assertThat(seen).hasSize(6);
    assertAllGone(seen);
  }

  /** KILL: no shutdown hook runs in the harness; INT: Ctrl-C, its hooks run. */
  @ParameterizedTest
  @ValueSource(strings = {"KILL", "INT"})
  void childrenDieWithTheirSignalledHarnessEvenWhenStopped(String signal) throws Exception {
    Path out = dir.resolve("out");
    Path clients = clientsDir(out);
    String windowPause =
        """

          - type: process-pause
            clients: [0]
            at_ms: 300
            duration_ms: 20000
        """;
    Path scenarioFile = scenario(30000, windowPause);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process harness =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                OrphanedCellMain.class.getName(),
                scenarioFile.toString(),
                MODE,
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("harness.log").toFile())
            .start();
    try {
      List<Long> seen = awaitBothClients(clients, Duration.ofSeconds(60));
      assertThat(seen).as("two client JVMs and their wrappers started").hasSize(6);
      long stopped = child(clients, 0);
      assertThat(await(Duration.ofSeconds(10), () -> state(stopped) == 'T'))
          .as("client 0 SIGSTOPped by the fault")
          .isTrue();

      assertThat(
              new ProcessBuilder("kill", "-s", signal, Long.toString(harness.pid()))
                  .start()
                  .waitFor())
          .isZero();
      assertThat(harness.waitFor(10, TimeUnit.SECONDS))
          .as("harness ended by SIG%s", signal)
          .isTrue();

      assertAllGone(seen);
    } finally {
      harness.destroyForcibly();
    }
  }

  @Test
  void aChildThatCannotStartFailsTheLaunchWithItsOwnLastLine() throws IOException {
    List<String> badOption = new ArrayList<>(ProcessClients.javaCommand());
    badOption.add(1, "-XX:+NoSuchRedlockLabOption");

    assertThatThrownBy(() -> launch(badOption).close())
        .isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("client-0's JVM (pid ")
        .hasMessageContaining("exited before it connected: ")
        .hasMessageEndingWith(lastLine(dir.resolve("logs/client-0.log")));
    assertThat(Files.readString(dir.resolve("logs/client-0.log")))
        .contains("Unrecognized VM option 'NoSuchRedlockLabOption'");

    List<String> noSuchClass = new ArrayList<>(ProcessClients.javaCommand());
    noSuchClass.set(noSuchClass.size() - 1, "io.redlocklab.NoSuchMain");
    Files.delete(dir.resolve("logs/client-0.log"));
    assertThatThrownBy(() -> launch(noSuchClass).close())
        .hasMessageEndingWith(
            ": Caused by: java.lang.ClassNotFoundException: io.redlocklab.NoSuchMain");
    assertThat(javaChildren(dir.resolve("logs"))).isEmpty();
  }

  @Test
  void aChildOnAnotherClockIsRefused() {
    List<String> skewed = new ArrayList<>(ProcessClients.javaCommand());
    skewed.set(skewed.size() - 1, SkewedClockClientMain.class.getName());

    assertThatThrownBy(() -> launch(skewed).close())
        .isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("client 0's JVM reads System.nanoTime() ")
        .hasMessageContaining("not the same CLOCK_MONOTONIC");
    assertThat(await(GONE_WITHIN, () -> inDir(dir.resolve("logs")).isEmpty())).isTrue();
  }

  private ProcessClients launch(List<String> java) {
    Workload workload =
        new Workload(
            1,
            Duration.ofMillis(1000),
            Duration.ofMillis(50),
            Duration.ofMillis(1000),
            0,
            7,
            true,
            Duration.ofMillis(100),
            Duration.ofMillis(1000),
            false,
            "r",
            Duration.ofMillis(20),
            true);
    MonotonicClock clock = MonotonicClock.system();
    return ProcessClients.launch(
        MODE,
        workload,
        new MemorySink(),
        clock,
        List.of(new DriftingClock(clock)),
        dir.resolve("logs"),
        java);
  }

  private static long nemesisTime(List<HistoryRecord> history, String detailPart) {
    return history.stream()
        .filter(r -> HistoryRecord.NEMESIS.equals(r.process()) && r.detail().contains(detailPart))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no nemesis record with " + detailPart))
        .timeNanos();
  }

  private static String lastLine(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    return lines.get(lines.size() - 1).trim();
  }

  /**
   * Pids of the processes (client JVMs and their wrappers) whose working directory is {@code d}.
   */
  private static List<Long> inDir(Path d) {
    Path wanted = d.toAbsolutePath();
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"))
                    .equals(wanted);
              } catch (IOException | UnsupportedOperationException e) {
                return false;
              }
            })
        .map(ProcessHandle::pid)
        .toList();
  }

  /** The client JVMs in {@code d} (not their wrappers' sh and cat). */
  private static List<Long> javaChildren(Path d) {
    return inDir(d).stream().filter(pid -> cmdline(pid).get(0).endsWith("/java")).toList();
  }

  /** Client {@code k}'s JVM in {@code d}: its last argument is its index. */
  private static long child(Path d, int k) {
    return findChild(d, k)
        .orElseThrow(() -> new AssertionError("no JVM of client " + k + " in " + inDir(d)));
  }

  private static Optional<Long> findChild(Path d, int k) {
    return javaChildren(d).stream()
        .filter(pid -> cmdline(pid).get(cmdline(pid).size() - 1).equals(Integer.toString(k)))
        .findFirst();
  }

  /**
   * The processes in {@code d} once both clients' JVMs run there beside their wrappers' sh and cat
   * (six in all; a wrapper starts its cat after the JVM), or whatever is there after {@code
   * timeout}.
   */
  private static List<Long> awaitBothClients(Path d, Duration timeout) {
    await(
        timeout,
        () -> findChild(d, 0).isPresent() && findChild(d, 1).isPresent() && inDir(d).size() == 6);
    return inDir(d);
  }

  private static List<String> cmdline(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of("");
    }
  }

  /** Open sockets of {@code pid}. */
  private static long sockets(long pid) {
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                  return false;
                }
              })
          .count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static char state(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Every pid is gone (no /proc entry, or only a zombie) within {@link #GONE_WITHIN}. */
  private static void assertAllGone(List<Long> pids) {
    for (long pid : pids) {
      assertThat(
              await(
                  GONE_WITHIN,
                  () -> {
                    char s = state(pid);
                    return s == 0 || s == 'Z' || s == 'X';
                  }))
          .as("pid %d gone within %s", pid, GONE_WITHIN)
          .isTrue();
    }
  }

  private static void kill(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  private static boolean await(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (condition.getAsBoolean()) {
        return true;
      }
      sleep(20);
    }
    return condition.getAsBoolean();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
