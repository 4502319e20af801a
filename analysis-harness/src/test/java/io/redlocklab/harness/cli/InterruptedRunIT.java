package io.redlocklab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redlocklab.harness.cluster.LockServer;
import io.redlocklab.harness.runner.LocalScenarioRunner;
import io.redlocklab.testkit.RedisNodesExtension;
import io.redlocklab.testkit.RunDirs;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent to a real child {@code redlock-lab run} of a two-cell suite at
 * seeded random moments of three phases: the first cell's server start-up, the second cell's fault,
 * and the results and report write; and to a PostgreSQL cell while initdb runs. After each: no
 * process the child started survives, REPORT.md is absent or whole, and results.json says the run
 * was interrupted, with when and after how many cells; the children leave no run directory in their
 * temp dir.
 */
class InterruptedRunIT {

  private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
  private static final Duration GONE_WITHIN = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the testkit's ManagedProcess wrapper (the parent of every server) starts. */
  private static final String WRAPPER = "/bin/sh -c log=";

  /** The children's output, kept for a look after a failure. */
  private static final Path LOGS = Path.of("target", "interrupted-run-it");

  @TempDir static Path dir;

  /**
   * Where the signal lands: the suite file, the phase line to wait for, a process to wait for after
   * it (or null), and the seeded delay after that.
   */
  private enum Moment {
    START_UP("interrupt.yaml", "cell 1/2 ", ": starting servers", WRAPPER, 0, 300, 0, 2),
    MID_FAULT("interrupt.yaml", "cell 2/2 ", ": workload and faults", null, 350, 300, 1, 2),
    REPORT_WRITE("interrupt.yaml", "writing ", "", null, 0, 40, 2, 2),
    /** PostgreSQL's start-up: initdb and its backends, then the postmaster. */
    REFERENCE_START_UP("postgres.yaml", "cell 1/1 ", ": starting servers", "initdb", 0, 400, 0, 1);

    final String file;
    final String prefix;
    final String suffix;
    final String awaitCommand;
    final int minDelayMs;
    final int spreadMs;
    final int cellsDone;
    final int cellsPlanned;

    Moment(
        String file,
        String prefix,
        String suffix,
        String awaitCommand,
        int minDelayMs,
        int spreadMs,
        int cellsDone,
        int cellsPlanned) {
      this.file = file;
      this.prefix = prefix;
      this.suffix = suffix;
      this.awaitCommand = awaitCommand;
      this.minDelayMs = minDelayMs;
      this.spreadMs = spreadMs;
      this.cellsDone = cellsDone;
      this.cellsPlanned = cellsPlanned;
    }

    boolean marks(String line) {
      return line.startsWith("phase: " + prefix) && line.endsWith(suffix);
    }
  }

  @BeforeAll
  static void scenario() throws IOException {
    RedisNodesExtension.requireServers();
    Files.createDirectories(LOGS);
    // Client JVMs, and a partition 300..900 ms into a 1.2 s workload.
    Files.writeString(
        dir.resolve(Moment.START_UP.file),
        """
        name: interrupt
        description: "two cells with a partition, to be interrupted"
        source: "issue 16"
        modes: [single-instance, redlock-3]
        workload:
          clients: 2
          clients_as: processes
          ttl_ms: 500
          work_ms: 5
          think_ms: 5
          duration_ms: 1200
          seed: 16
        faults:
          - {type: partition, nodes: [0], at_ms: 300, duration_ms: 600}
        predictions:
          single-instance: {outcome: unavailable, reason: "its node is cut off", citation: "redis.io"}
          redlock-3: {outcome: holds, reason: "2 of 3 nodes remain", citation: "redis.io"}
        """);
    Files.writeString(
        dir.resolve(Moment.REFERENCE_START_UP.file),
        """
        name: postgres
        description: "a reference server's start-up, to be interrupted"
        source: "issue 16"
        modes: [postgres-advisory]
        workload: {clients: 2, ttl_ms: 500, work_ms: 5, duration_ms: 1500, seed: 16}
        faults: []
        predictions:
          postgres-advisory: {outcome: holds, reason: "no faults", citation: "postgresql.org"}
        """);
  }

  @Test
  void aSignalAtAnyMomentLeavesNoProcessNoPartialReportAndInterruptedResults() throws Exception {
    List<String> outcomes = new ArrayList<>();
    long seed = 16;
    for (Moment moment : Moment.values()) {
      if (moment == Moment.REFERENCE_START_UP && LockServer.POSTGRES.missing().isPresent()) {
        outcomes.add(moment + ": skipped, " + LockServer.POSTGRES.missing().get());
        continue;
      }
      for (String signal : List.of("INT", "TERM")) {
        outcomes.add(interrupt(moment, signal, seed++));
      }
    }
    System.out.println("interrupted runs:\n  " + String.join("\n  ", outcomes));

    try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("run dirs the interrupted children left in their temp dir")
          .noneMatch(name -> name.startsWith(RunDirs.PREFIX));
    }
  }

  /**
   * {@code --parallel 2}: a SIGTERM while both cells run their workloads stops both, leaves no
   * process and no report, and results.json says how many of the two had finished.
   */
  @Test
  void aSignalDuringParallelCellsStopsThemAll() throws Exception {
    Path out = dir.resolve("out-parallel");
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Process child = startRun(temp, dir.resolve(Moment.START_UP.file), out, "--parallel", "2");
    Map<ProcessHandle, String> seen = new ConcurrentHashMap<>();
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = follow(child, lines, seen, LOGS.resolve(out.getFileName() + ".log"));
    try {
      Set<String> running = new HashSet<>();
      long deadline = System.nanoTime() + EXIT_WITHIN.toNanos();
      while (running.size() < 2) {
        assertThat(System.nanoTime() < deadline).as("both cells reach their workload").isTrue();
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null
            && line.startsWith("phase: cell ")
            && line.endsWith(": workload and faults")) {
          running.add(line.substring("phase: ".length(), "phase: cell 1/2".length()));
        }
      }
      seen.putAll(descendants(child));
      assertThat(
              new ProcessBuilder("kill", "-s", "TERM", Long.toString(child.pid()))
                  .start()
                  .waitFor())
          .isZero();
      assertThat(child.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
      reader.join(5_000);

      assertThat(child.exitValue()).isEqualTo(143);
      assertThat(survivors(seen.keySet())).as("processes alive after SIGTERM").isEmpty();
      assertThat(seen.values().stream().filter(InterruptedRunIT::isServer).count())
          .as("servers of both cells seen")
          .isGreaterThanOrEqualTo(2);
      JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
      JsonNode interrupted = results.path("metadata").path("interrupted");
      assertThat(interrupted.path("signal").asText()).isEqualTo("SIGTERM");
      assertThat(interrupted.path("cellsPlanned").asInt()).isEqualTo(2);
      assertThat(results.path("cells")).hasSize(interrupted.path("cellsCompleted").asInt());
      assertThat(interrupted.path("cellsCompleted").asInt()).isLessThan(2);
      assertThat(out.resolve("REPORT.md")).doesNotExist();
      try (Stream<Path> left = Files.list(temp)) {
        assertThat(left.map(p -> p.getFileName().toString()))
            .noneMatch(name -> name.startsWith(RunDirs.PREFIX));
      }
    } finally {
      child.destroyForcibly();
      seen.keySet().forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** One child run signalled at {@code moment}; returns a line for the closing note. */
  private String interrupt(Moment moment, String signal, long seed) throws Exception {
    long startNanos = System.nanoTime();
    Path out = dir.resolve("out-" + moment + "-" + signal);
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Process child = startRun(temp, dir.resolve(moment.file), out);
    Map<ProcessHandle, String> seen = new ConcurrentHashMap<>();
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = follow(child, lines, seen, LOGS.resolve(out.getFileName() + ".log"));
    try {
      String phaseLine = awaitLine(lines, moment);
      if (moment.awaitCommand != null) {
        awaitStarting(seen, child, moment.awaitCommand);
      }
      int delay = moment.minDelayMs + new Random(seed).nextInt(moment.spreadMs + 1);
      Thread.sleep(delay);
      seen.putAll(descendants(child));
      long signalled = System.nanoTime();
      assertThat(
              new ProcessBuilder("kill", "-s", signal, Long.toString(child.pid()))
                  .start()
                  .waitFor())
          .isZero();
      assertThat(child.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS))
          .as("child ended by SIG%s at %s", signal, moment)
          .isTrue();
      long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
      reader.join(5_000);

      List<String> survivors = survivors(seen.keySet());
      assertThat(survivors).as("processes alive after SIG%s at %s", signal, moment).isEmpty();
      assertThat(seen.values()).as("servers seen").anyMatch(InterruptedRunIT::isServer);

      JsonNode interrupted = JSON.readTree(out.resolve("results.json").toFile()).path("metadata");
      interrupted = interrupted.path("interrupted");
      Path report = out.resolve("REPORT.md");
      boolean completed = interrupted.isMissingNode();
      if (completed) {
        // The signal came after the last write: a whole run, exit code as usual.
        assertThat(moment).isEqualTo(Moment.REPORT_WRITE);
        assertThat(child.exitValue()).isIn(0, 1);
      } else {
        assertThat(child.exitValue()).isEqualTo(signal.equals("INT") ? 130 : 143);
        assertThat(interrupted.path("signal").asText()).isEqualTo("SIG" + signal);
        assertThat(interrupted.path("phase").asText())
            .startsWith(moment.prefix)
            .endsWith(moment.suffix);
        assertThat(interrupted.path("cellsCompleted").asInt()).isEqualTo(moment.cellsDone);
        assertThat(interrupted.path("cellsPlanned").asInt()).isEqualTo(moment.cellsPlanned);
        assertThat(JSON.readTree(out.resolve("results.json").toFile()).path("cells"))
            .hasSize(moment.cellsDone);
      }
      if (moment != Moment.REPORT_WRITE) {
        assertThat(report).as("no report of an interrupted run").doesNotExist();
      } else if (Files.exists(report)) {
        assertThat(Files.readString(report)).isEqualTo(redrawn(out));
      }
      try (Stream<Path> files = Files.walk(out)) {
        assertThat(files.map(Path::toString)).as("temp files").noneMatch(f -> f.endsWith(".tmp"));
      }
      String reportState = Files.exists(report) ? "whole" : "absent";
      if (moment == Moment.MID_FAULT && signal.equals("INT")) {
        assertTheReportCommandSaysIncomplete(out);
      }
      return String.format(
          "SIG%-4s %-12s seed %d, +%d ms after '%s': %s, exit %d, REPORT.md %s, %d processes seen,"
              + " 0 survived; exit %d ms after the signal, run %d ms",
          signal,
          moment,
          seed,
          delay,
          phaseLine,
          completed ? "completed before the signal" : interrupted.path("phase").asText(),
          child.exitValue(),
          reportState,
          seen.size(),
          exitMillis,
          (System.nanoTime() - startNanos) / 1_000_000);
    } finally {
      child.destroyForcibly();
      seen.keySet().forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** {@code run file --out out extra...} in a child JVM that traces its phases on stdout. */
  private static Process startRun(Path temp, Path file, Path out, String... extra)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + InterruptGuard.TRACE_PROPERTY + "=true",
                "-Djava.io.tmpdir=" + temp,
                "-cp",
                System.getProperty("java.class.path"),
                RedlockLab.class.getName(),
                "run",
                file.toString()));
    command.addAll(List.of(extra));
    command.addAll(List.of("--out", out.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** The report the complete raw results beside REPORT.md give, to compare with REPORT.md. */
  private static String redrawn(Path out) throws IOException {
    Path again = out.resolveSibling(out.getFileName() + "-redrawn").resolve("REPORT.md");
    RedlockLab lab = quietLab(new ByteArrayOutputStream());
    lab.execute("report", out.resolve("report").toString(), "--report", again.toString());
    return Files.readString(again);
  }

  private static void assertTheReportCommandSaysIncomplete(Path out) throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(quietLab(err).execute("report", out.toString())).isEqualTo(RedlockLab.DIFFERS);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("incomplete: the run was interrupted by SIGINT during cell 2/2");
    assertThat(Files.readString(out.resolve("REPORT.md")))
        .contains("> **Incomplete: this run was interrupted by SIGINT during cell 2/2");
  }

  private static RedlockLab quietLab(ByteArrayOutputStream err) {
    return new RedlockLab(
        LocalScenarioRunner::new,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  /** Copies the child's output to {@code log} and {@code lines}; samples its descendants. */
  private static Thread follow(
      Process child, LinkedBlockingQueue<String> lines, Map<ProcessHandle, String> seen, Path log) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                  PrintStream copy = new PrintStream(Files.newOutputStream(log), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                  copy.println(line);
                  lines.add(line);
                  seen.putAll(descendants(child));
                }
              } catch (IOException e) {
                // the child is gone
              }
            },
            "child-output");
    thread.setDaemon(true);
    thread.start();
    Thread sampler =
        new Thread(
            () -> {
              while (child.isAlive()) {
                seen.putAll(descendants(child));
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "descendants");
    sampler.setDaemon(true);
    sampler.start();
    return thread;
  }

  private static String awaitLine(LinkedBlockingQueue<String> lines, Moment moment)
      throws InterruptedException {
    long deadline = System.nanoTime() + EXIT_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && moment.marks(line)) {
        return line.substring("phase: ".length());
      }
    }
    throw new AssertionError("no phase line for " + moment);
  }

  /** Waits until a descendant's command line contains {@code command}. */
  private static void awaitStarting(Map<ProcessHandle, String> seen, Process child, String command)
      throws InterruptedException {
    long deadline = System.nanoTime() + EXIT_WITHIN.toNanos();
    while (seen.values().stream().noneMatch(c -> c.contains(command))) {
      assertThat(System.nanoTime() < deadline && child.isAlive()).as("a server starts").isTrue();
      Thread.sleep(5);
      seen.putAll(descendants(child));
    }
  }

  /** A server, its wrapper or initdb, not a version probe. */
  private static boolean isServer(String cmdline) {
    return cmdline.startsWith(WRAPPER)
        || cmdline.contains("initdb")
        || (cmdline.contains("redis-server") && !cmdline.endsWith("--version"));
  }

  /** Every live descendant with its command line. */
  private static Map<ProcessHandle, String> descendants(Process child) {
    Map<ProcessHandle, String> found = new ConcurrentHashMap<>();
    child.descendants().forEach(p -> found.put(p, cmdline(p.pid())));
    return found;
  }

  /**
   * The pids seen that are still alive (not zombies) after {@link #GONE_WITHIN}, and every process
   * whose working directory is under this test's directory.
   */
  private static List<String> survivors(Iterable<ProcessHandle> seen) throws InterruptedException {
    long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
    while (true) {
      List<String> alive = new ArrayList<>();
      for (ProcessHandle process : seen) {
        // isAlive() also compares the start time: a reused pid is not the process seen.
        if (process.isAlive() && alive(process.pid())) {
          alive.add(process.pid() + " " + cmdline(process.pid()));
        }
      }
      ProcessHandle.allProcesses()
          .filter(p -> p.pid() != ProcessHandle.current().pid() && inTestDir(p.pid()))
          .filter(p -> alive(p.pid()))
          .forEach(p -> alive.add(p.pid() + " (cwd in test dir) " + cmdline(p.pid())));
      if (alive.isEmpty() || System.nanoTime() > deadline) {
        return alive;
      }
      Thread.sleep(50);
    }
  }

  private static boolean inTestDir(long pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"))
          .startsWith(dir.toAbsolutePath());
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  private static String cmdline(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException e) {
      return "";
    }
  }
}
