package io.redlocklab.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real {@code redis-server} on 127.0.0.1, run as a {@link ManagedProcess} in its own directory.
 * It can be crashed ({@link #kill()}), restarted on the same port and directory, and paused.
 */
public final class RedisServerProcess implements AutoCloseable {

  public static final String HOST = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 5;

  private final Options options;
  private final Path redisServer;
  private final Path dir;
  private final boolean ownsDir;
  private final int port;
  private volatile ManagedProcess process;
  private boolean closed;

  private RedisServerProcess(
      Options options,
      Path redisServer,
      Path dir,
      boolean ownsDir,
      int port,
      ManagedProcess process) {
    this.options = options;
    this.redisServer = redisServer;
    this.dir = dir;
    this.ownsDir = ownsDir;
    this.port = port;
    this.process = process;
  }

  public static RedisServerProcess start() {
    return start(Options.defaults());
  }

  /** Starts a server and waits until it answers PING. */
  public static RedisServerProcess start(Options options) {
    Path redisServer =
        ServerBinaries.redisServer()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        ServerBinaries.missing().orElse("redis-server not found")));
    boolean ownsDir = options.dir == null;
    Path dir = ownsDir ? RunDirs.create("redis") : options.dir;
    try {
      if (options.port != 0) {
        return new RedisServerProcess(
            options,
            redisServer,
            dir,
            ownsDir,
            options.port,
            launch(redisServer, options, dir, options.port));
      }
      // A free port can be taken between FreePorts.next() and redis binding it: try another.
      for (int attempt = 1; ; attempt++) {
        int port = FreePorts.next();
        try {
          return new RedisServerProcess(
              options, redisServer, dir, ownsDir, port, launch(redisServer, options, dir, port));
        } catch (PortInUseException e) {
          if (attempt == PORT_ATTEMPTS) {
            throw e;
          }
          log.debug("port {} was taken, retrying", port);
        }
      }
    } catch (RuntimeException e) {
      if (ownsDir) {
        RunDirs.deleteUnlessKept(dir);
      }
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public String host() {
    return HOST;
  }

  /** The pid of the current redis-server process (changes on restart). */
  public long pid() {
    return process.pid();
  }

  public Path dir() {
    return dir;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** True while the process is stopped by SIGSTOP. */
  public boolean isPaused() {
    return process.state() == 'T';
  }

  /** Crashes the server with SIGKILL (no shutdown save) and waits until it is gone. */
  public synchronized void kill() {
    process.stop();
  }

  /**
   * Starts the server again (killing it first if alive) on the same port, directory and options.
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
    process.stop();
    process = launch(redisServer, options, dir, port);
  }

  /** SIGSTOP: the server keeps its sockets but answers nothing until {@link #resume()}. */
  public synchronized void pause() {
    process.signal("STOP");
    awaitState(true);
  }

  /** SIGCONT. */
  public synchronized void resume() {
    process.signal("CONT");
    awaitState(false);
  }

  /** Kills the server and deletes the directory it created. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    process.stop();
    if (ownsDir) {
      RunDirs.deleteUnlessKept(dir);
    }
  }

  @Override
  public String toString() {
    return "redis-server[" + HOST + ":" + port + ", " + process + "]";
  }

  private void awaitState(boolean paused) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (isPaused() != paused) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(this + " did not " + (paused ? "stop" : "continue"));
      }
      ManagedProcess.sleepQuietly(1);
    }
  }

  private static ManagedProcess launch(Path redisServer, Options options, Path dir, int port) {
    ManagedProcess process =
        ManagedProcess.start(
            command(redisServer, options, dir, port),
            dir,
            dir.resolve("redis.out"),
            options.extraEnv);
    try {
      awaitPing(process, port, dir);
      return process;
    } catch (RuntimeException e) {
      process.stop();
      throw e;
    }
  }

  static List<String> command(Path redisServer, Options options, Path dir, int port) {
    List<String> command =
        new ArrayList<>(
            List.of(
                redisServer.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                HOST,
                "--protected-mode",
                "no",
                "--daemonize",
                "no",
                "--save",
                "",
                "--appendonly",
                options.persistence == Persistence.NONE ? "no" : "yes",
                "--appendfsync",
                options.persistence == Persistence.AOF_ALWAYS ? "always" : "everysec",
                "--dir",
                dir.toString(),
                "--logfile",
                "redis.log",
                "--repl-diskless-sync-delay",
                "0")); // replicas sync at once, not after 5 s
    if (options.replicaOfHost != null) {
      command.addAll(
          List.of("--replicaof", options.replicaOfHost, Integer.toString(options.replicaOfPort)));
    }
    command.addAll(options.extraArgs);
    return command;
  }

  private static void awaitPing(ManagedProcess process, int port, Path dir) {
    try {
      ServerReadiness.awaitPing(
          process,
          "redis-server",
          port,
          READY_TIMEOUT,
          dir.resolve("redis.log"),
          dir.resolve("redis.out"));
    } catch (ServerReadiness.ExitedAtStartup e) {
      if (e.getMessage().contains("Address already in use")) {
        throw new PortInUseException("port " + port + " is in use: " + e.getMessage());
      }
      throw e;
    }
  }

  private static final class PortInUseException extends IllegalStateException {
    PortInUseException(String message) {
      super(message);
    }
  }

  /** Immutable start options; each setter returns a copy. */
  public static final class Options {

    private final Path dir;
    private final int port;
    private final Persistence persistence;
    private final List<String> extraArgs;
    private final Map<String, String> extraEnv;
    private final String replicaOfHost;
    private final int replicaOfPort;

    private Options(
        Path dir,
        int port,
        Persistence persistence,
        List<String> extraArgs,
        Map<String, String> extraEnv,
        String replicaOfHost,
        int replicaOfPort) {
      this.dir = dir;
      this.port = port;
      this.persistence = Objects.requireNonNull(persistence, "persistence");
      this.extraArgs = List.copyOf(extraArgs);
      this.extraEnv = Collections.unmodifiableMap(new LinkedHashMap<>(extraEnv));
      this.replicaOfHost = replicaOfHost;
      this.replicaOfPort = replicaOfPort;
    }

    /** A fresh temp dir, a free port, no persistence, no extras. */
    public static Options defaults() {
      return new Options(null, 0, Persistence.NONE, List.of(), Map.of(), null, 0);
    }

    /** The server's working directory (data, logs). Default: a new temp dir, deleted on close. */
    public Options dir(Path dir) {
      return new Options(dir, port, persistence, extraArgs, extraEnv, replicaOfHost, replicaOfPort);
    }

    /** 0 picks a free port. */
    public Options port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port);
      }
      return new Options(dir, port, persistence, extraArgs, extraEnv, replicaOfHost, replicaOfPort);
    }

    public Options persistence(Persistence persistence) {
      return new Options(dir, port, persistence, extraArgs, extraEnv, replicaOfHost, replicaOfPort);
    }

    /** Appended to the command line, e.g. {@code List.of("--maxmemory", "64mb")}. */
    public Options extraArgs(List<String> extraArgs) {
      return new Options(dir, port, persistence, extraArgs, extraEnv, replicaOfHost, replicaOfPort);
    }

    /** Added to the server's environment only, e.g. {@code LD_PRELOAD}. */
    public Options extraEnv(Map<String, String> extraEnv) {
      return new Options(dir, port, persistence, extraArgs, extraEnv, replicaOfHost, replicaOfPort);
    }

    /** Starts the server as an asynchronous replica of {@code host:port}. */
    public Options replicaOf(String host, int port) {
      return new Options(
          dir, this.port, persistence, extraArgs, extraEnv, Objects.requireNonNull(host), port);
    }
  }
}
