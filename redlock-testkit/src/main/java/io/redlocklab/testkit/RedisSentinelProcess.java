package io.redlocklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * One real {@code redis-sentinel} on 127.0.0.1, run as a {@link ManagedProcess} in its own
 * directory, monitoring one master. Its config file lives in that directory and stays writable:
 * Sentinel rewrites it whenever its view of the topology changes.
 */
public final class RedisSentinelProcess implements AutoCloseable {

  public static final String HOST = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(RedisSentinelProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 5;
  private static final JedisClientConfig CLIENT_CONFIG =
      DefaultJedisClientConfig.builder().timeoutMillis(1000).build();

  private final Path dir;
  private final int port;
  private final ManagedProcess process;

  private RedisSentinelProcess(Path dir, int port, ManagedProcess process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts a sentinel in {@code dir} (kept on close) that monitors the master at {@code
   * 127.0.0.1:masterPort} and waits until it answers PING.
   */
  public static RedisSentinelProcess start(
      Path dir, SentinelGroup.Options options, int masterPort) {
    Path binary =
        ServerBinaries.redisSentinel()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        ServerBinaries.missingForSentinel().orElse("redis-sentinel not found")));
    // A free port can be taken between FreePorts.next() and the sentinel binding it: try another.
    for (int attempt = 1; ; attempt++) {
      int port = FreePorts.next();
      Path config = writeConfig(dir, port, options, masterPort);
      ManagedProcess process =
          ManagedProcess.start(
              List.of(binary.toString(), config.toString()),
              dir,
              dir.resolve("sentinel.out"),
              Map.of());
      try {
        ServerReadiness.awaitPing(
            process,
            "redis-sentinel",
            port,
            READY_TIMEOUT,
            dir.resolve("sentinel.log"),
            dir.resolve("sentinel.out"));
        return new RedisSentinelProcess(dir, port, process);
      } catch (RuntimeException e) {
        process.stop();
        if (!logs(dir).contains("Address already in use") || attempt == PORT_ATTEMPTS) {
          throw e;
        }
        log.debug("port {} was taken, retrying", port);
      }
    }
  }

  static Path writeConfig(Path dir, int port, SentinelGroup.Options options, int masterPort) {
    String name = options.masterName();
    String config =
        String.join(
            "\n",
            "port " + port,
            "bind " + HOST,
            "protected-mode no",
            "daemonize no",
            "dir " + dir.toAbsolutePath(),
            "logfile sentinel.log",
            // What this sentinel tells the others about itself (hello messages).
            "sentinel announce-ip " + HOST,
            "sentinel announce-port " + port,
            "sentinel monitor " + name + " " + HOST + " " + masterPort + " " + options.quorum(),
            "sentinel down-after-milliseconds " + name + " " + options.downAfter().toMillis(),
            "sentinel failover-timeout " + name + " " + options.failoverTimeout().toMillis(),
            "sentinel parallel-syncs " + name + " 1",
            "");
    Path file = dir.toAbsolutePath().resolve("sentinel.conf");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, config);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** A new connection to this sentinel (1 s timeouts); the caller closes it. */
  public Jedis connect() {
    return new Jedis(HOST, port, CLIENT_CONFIG);
  }

  /**
   * The {@code port} of the master this sentinel currently reports for {@code masterName} ({@code
   * SENTINEL GET-MASTER-ADDR-BY-NAME}), or empty when it cannot be asked or knows no master.
   */
  public Optional<Integer> reportedMasterPort(String masterName) {
    try (Jedis jedis = connect()) {
      List<String> address = jedis.sentinelGetMasterAddrByName(masterName);
      return address == null || address.size() != 2
          ? Optional.empty()
          : Optional.of(Integer.parseInt(address.get(1)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code SENTINEL MASTER <name>}: this sentinel's state of the master (flags, counts). */
  public Map<String, String> masterState(String masterName) {
    try (Jedis jedis = connect()) {
      return jedis.sentinelMaster(masterName);
    }
  }

  /** The tail of this sentinel's log files, for error messages. */
  public String logTail() {
    return RunDirs.tail(30, dir.resolve("sentinel.log"), dir.resolve("sentinel.out"));
  }

  /** Kills the sentinel. Idempotent; the directory is left to its owner. */
  @Override
  public void close() {
    process.stop();
  }

  @Override
  public String toString() {
    return "redis-sentinel[" + HOST + ":" + port + ", " + process + "]";
  }

  private static String logs(Path dir) {
    return RunDirs.tail(20, dir.resolve("sentinel.log"), dir.resolve("sentinel.out"));
  }
}
