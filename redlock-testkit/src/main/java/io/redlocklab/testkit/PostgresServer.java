package io.redlocklab.testkit;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server on 127.0.0.1, initialised by {@code initdb} in a fresh run dir, with trust
 * authentication for 127.0.0.1 and its unix socket in the run dir; clients reach it through the
 * Toxiproxy proxy {@code postgres}.
 *
 * <p>postgres refuses to run as root: when this JVM is root, initdb and postgres run as the
 * unprivileged user {@value #SERVER_USER} (created by scripts/install-deps) through {@code
 * setpriv}, which execs, so the postmaster is still the {@link ManagedProcess}'s own child and
 * root's watchdog can kill it. The run dir is handed to that user. Backends exit by themselves when
 * the postmaster dies; {@link #kill()} also kills them at once.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String SERVER_USER = "redlocklab";

  /** The database superuser initdb creates; trust auth, no password. */
  public static final String DATABASE_USER = "postgres";

  private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final String PROXY = "postgres";

  private final Path runDir;
  private final Path binDir;
  private final int port;
  private final int proxyPort;
  private final ToxiproxyServerProcess toxiproxy;
  private final RestartableProcess process;
  private boolean closed;

  private PostgresServer(
      Path runDir,
      Path binDir,
      int port,
      int proxyPort,
      ToxiproxyServerProcess toxiproxy,
      Map<String, String> extraEnv) {
    this.runDir = runDir;
    this.binDir = binDir;
    this.port = port;
    this.proxyPort = proxyPort;
    this.toxiproxy = toxiproxy;
    this.process = RestartableProcess.start("postgres", () -> launch(extraEnv));
  }

  public static PostgresServer start() {
    return start(Map.of());
  }

  /**
   * Initialises a cluster, starts postgres and waits until it accepts connections. {@code extraEnv}
   * goes to the postgres process only, e.g. {@code LD_PRELOAD}.
   */
  public static PostgresServer start(Map<String, String> extraEnv) {
    Path binDir =
        ServerBinaries.postgresBinDir()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        ServerBinaries.missingPostgres().orElse("no postgres")));
    Path runDir = RunDirs.create("postgres");
    ToxiproxyServerProcess toxiproxy = null;
    try {
      toxiproxy = ToxiproxyServerProcess.start(runDir.resolve("toxiproxy"));
      handToServerUser(runDir);
      initdb(binDir, runDir);
      int port = FreePorts.next();
      int proxyPort = Proxies.create(toxiproxy.admin(), PROXY, port);
      return new PostgresServer(runDir, binDir, port, proxyPort, toxiproxy, extraEnv);
    } catch (RuntimeException e) {
      if (toxiproxy != null) {
        toxiproxy.close();
      }
      RunDirs.deleteUnlessKept(runDir);
      throw e;
    }
  }

  /** JDBC URL through the proxy, as the superuser {@value #DATABASE_USER}. */
  public String jdbcUrl() {
    return jdbcUrl(proxyPort);
  }

  /** JDBC URL to the server's own port: the test's unfaulted view. */
  public String directJdbcUrl() {
    return jdbcUrl(port);
  }

  public int port() {
    return port;
  }

  public int proxyPort() {
    return proxyPort;
  }

  public Proxy proxy() {
    return Proxies.get(toxiproxy.admin(), PROXY);
  }

  public ToxiproxyServerProcess toxiproxy() {
    return toxiproxy;
  }

  public Path runDir() {
    return runDir;
  }

  /** The postmaster's pid (changes on restart). */
  public long pid() {
    return process.pid();
  }

  /** The postmaster and every process it started (backends, checkpointer, ...). */
  public List<Long> processTree() {
    List<Long> pids = new ArrayList<>(List.of(process.pid()));
    ProcessHandle.of(process.pid())
        .ifPresent(postmaster -> postmaster.descendants().forEach(p -> pids.add(p.pid())));
    return pids;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public boolean isPaused() {
    return process.isPaused();
  }

  /** SIGSTOP the postmaster only: open sessions go on, new connections hang. */
  public void pause() {
    process.pause();
  }

  public void resume() {
    process.resume();
  }

  /** SIGKILL the postmaster and all its children; waits until they are gone. */
  public synchronized void kill() {
    List<ProcessHandle> children =
        ProcessHandle.of(process.pid()).stream().flatMap(ProcessHandle::descendants).toList();
    process.kill();
    children.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle child : children) {
      try {
        child.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("postgres child {} still alive after kill: {}", child.pid(), e.toString());
      }
    }
  }

  /** Kills the server if it runs and starts it again on the same port and data. */
  public synchronized void restart() {
    kill();
    process.restart();
  }

  /** Kills postgres and toxiproxy and deletes the run dir (unless kept). Never throws. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      kill();
    } catch (RuntimeException e) {
      log.warn("cannot kill {}: {}", this, e.toString());
    }
    toxiproxy.close();
    RunDirs.deleteUnlessKept(runDir);
  }

  @Override
  public String toString() {
    return "postgres[" + HOST + ":" + port + ", " + process + "]";
  }

  private ManagedProcess launch(Map<String, String> extraEnv) {
    ManagedProcess postgres =
        ManagedProcess.start(
            asServerUser(
                List.of(
                    binDir.resolve("postgres").toString(),
                    "-D",
                    runDir.resolve("data").toString(),
                    "-p",
                    Integer.toString(port),
                    "-c",
                    "listen_addresses=" + HOST,
                    "-c",
                    "unix_socket_directories=" + runDir,
                    "-c",
                    "logging_collector=off",
                    "-c",
                    "shared_buffers=16MB")),
            runDir,
            runDir.resolve("postgres.log"),
            extraEnv);
    try {
      awaitAccepting(postgres);
      return postgres;
    } catch (RuntimeException e) {
      postgres.stop();
      throw e;
    }
  }

  private void awaitAccepting(ManagedProcess postgres) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!postgres.isAlive()) {
        throw new IllegalStateException(
            ServerReadiness.startFailure(
                "postgres on port " + port + " exited at start-up",
                runDir.resolve("postgres.log")));
      }
      if (run(
              List.of(
                  binDir.resolve("pg_isready").toString(),
                  "-q",
                  "-h",
                  HOST,
                  "-p",
                  Integer.toString(port),
                  "-t",
                  "1"),
              runDir.resolve("pg_isready.log"))
          == 0) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            ServerReadiness.startFailure(
                "postgres on port "
                    + port
                    + " did not accept connections within "
                    + READY_TIMEOUT.toSeconds()
                    + " s",
                runDir.resolve("postgres.log")));
      }
      ManagedProcess.sleepQuietly(50);
    }
  }

  private static void initdb(Path binDir, Path runDir) {
    Path logFile = runDir.resolve("initdb.log");
    int exit =
        run(
            asServerUser(
                List.of(
                    binDir.resolve("initdb").toString(),
                    "-D",
                    runDir.resolve("data").toString(),
                    "-U",
                    DATABASE_USER,
                    "--auth=trust",
                    "--no-sync",
                    "--no-instructions",
                    "-E",
                    "UTF8",
                    "--locale=C")),
            logFile);
    if (exit != 0) {
      throw new IllegalStateException(
          ServerReadiness.startFailure("initdb failed (exit code " + exit + ")", logFile));
    }
  }

  // Runs a short command to its end, output appended to logFile; its exit code. Timed out or
  // interrupted (Ctrl-C), the command and its children (initdb's postgres backends) are killed.
  private static int run(List<String> command, Path logFile) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        killTree(process);
        return -1;
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // SIGKILLs the process and its descendants and waits (briefly) until they are gone, so that
  // none writes into a run dir about to be deleted.
  private static void killTree(Process process) {
    List<ProcessHandle> tree =
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle member : tree) {
      try {
        member.onExit().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("{} still alive after kill: {}", member.pid(), e.toString());
      }
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asServerUser(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + SERVER_USER,
                "--regid=" + SERVER_USER,
                "--clear-groups",
                "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  // As root: the run dir and all in it belong to SERVER_USER; its parents must let it pass.
  private static void handToServerUser(Path runDir) {
    if (!isRoot()) {
      return;
    }
    try {
      UserPrincipal user =
          runDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_USER);
      try (Stream<Path> files = Files.walk(runDir)) {
        for (Path file : files.toList()) {
          Files.setOwner(file, user);
        }
      }
      for (Path parent = runDir.getParent(); parent != null; parent = parent.getParent()) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(parent);
        if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          permissions.add(PosixFilePermission.OTHERS_EXECUTE);
          Files.setPosixFilePermissions(parent, permissions);
        }
      }
    } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
      throw new IllegalStateException(
          "user "
              + SERVER_USER
              + " missing (postgres cannot run as root): run scripts/install-deps");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hand " + runDir + " to " + SERVER_USER, e);
    }
  }

  private static String jdbcUrl(int port) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/postgres?user=" + DATABASE_USER;
  }
}
