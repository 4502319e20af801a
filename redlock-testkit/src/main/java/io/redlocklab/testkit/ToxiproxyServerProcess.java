package io.redlocklab.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real {@code toxiproxy-server} with its API on 127.0.0.1; its log goes to {@code
 * toxiproxy.log}.
 */
public final class ToxiproxyServerProcess implements AutoCloseable {

  public static final String HOST = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(ToxiproxyServerProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 5;

  static {
    // The /version probe may be the JVM's first URLConnection, when the JDK reads its defaults.
    ToxiproxyAdmin.limitUrlConnectionTimeouts();
  }

  private final ManagedProcess process;
  private final int port;
  private final Path dir;
  private final boolean ownsDir;
  private final ToxiproxyAdmin admin;
  private boolean closed;

  private ToxiproxyServerProcess(ManagedProcess process, int port, Path dir, boolean ownsDir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.ownsDir = ownsDir;
    this.admin = new ToxiproxyAdmin(HOST, port);
  }

  /** Starts in a new temp dir, deleted on close. */
  public static ToxiproxyServerProcess start() {
    Path dir = RunDirs.create("toxiproxy");
    try {
      return start(dir, true);
    } catch (RuntimeException e) {
      RunDirs.deleteUnlessKept(dir);
      throw e;
    }
  }

  /** Starts with {@code dir} as working directory (kept on close). */
  public static ToxiproxyServerProcess start(Path dir) {
    return start(dir, false);
  }

  private static ToxiproxyServerProcess start(Path dir, boolean ownsDir) {
    Path binary =
        ServerBinaries.toxiproxyServer()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        ServerBinaries.missing().orElse("toxiproxy-server not found")));
    Path logFile = dir.resolve("toxiproxy.log");
    for (int attempt = 1; ; attempt++) {
      int port = FreePorts.next();
      ManagedProcess process =
          ManagedProcess.start(
              List.of(binary.toString(), "-host", HOST, "-port", Integer.toString(port)),
              dir,
              logFile,
              Map.of("LOG_LEVEL", "info"));
      try {
        awaitVersion(process, port, logFile);
        return new ToxiproxyServerProcess(process, port, dir, ownsDir);
      } catch (RuntimeException e) {
        process.stop();
        boolean portTaken = RunDirs.tail(5, logFile).contains("address already in use");
        if (!portTaken || attempt == PORT_ATTEMPTS) {
          throw e;
        }
        log.debug("port {} was taken, retrying", port);
      }
    }
  }

  /** This server's admin API; every call is bounded ({@link ToxiproxyAdmin#DEFAULT_BOUND}). */
  public ToxiproxyAdmin admin() {
    return admin;
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path dir() {
    return dir;
  }

  /** Kills the server (every proxy with it). Idempotent. */
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
    return "toxiproxy-server[" + HOST + ":" + port + ", " + process + "]";
  }

  private static void awaitVersion(ManagedProcess process, int port, Path logFile) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            ServerReadiness.startFailure(
                "toxiproxy-server on port " + port + " exited at start-up", logFile));
      }
      try {
        if (versionAnswers(port)) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      ManagedProcess.sleepQuietly(20);
    }
    throw new IllegalStateException(
        ServerReadiness.startFailure(
            "toxiproxy-server on port "
                + port
                + " did not answer GET /version within "
                + READY_TIMEOUT.toSeconds()
                + " s (last error: "
                + last
                + ")",
            logFile));
  }

  private static boolean versionAnswers(int port) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection)
            URI.create("http://" + HOST + ":" + port + "/version").toURL().openConnection();
    connection.setConnectTimeout(500);
    connection.setReadTimeout(500);
    try (InputStream body = connection.getInputStream()) {
      body.readAllBytes();
      return connection.getResponseCode() == 200;
    } finally {
      connection.disconnect();
    }
  }
}
