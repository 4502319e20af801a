package io.redlocklab.testkit;

import java.nio.file.Path;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/** Waits for a freshly started redis-server or redis-sentinel to answer PING. */
final class ServerReadiness {

  private static final JedisClientConfig PING_CONFIG =
      DefaultJedisClientConfig.builder().timeoutMillis(500).build();

  private ServerReadiness() {}

  /** Lines of each log on the first line of a start-up error (a failed cell shows only that). */
  static final int LAST_LINES = 2;

  /**
   * The process died before it answered. The message's first line names the server and ends with
   * its own last log lines; the tail of its logs follows.
   */
  static final class ExitedAtStartup extends IllegalStateException {
    ExitedAtStartup(String message) {
      super(message);
    }
  }

  /**
   * Returns once {@code 127.0.0.1:port} answers PING; {@code logs} are the server's log files.
   *
   * @throws ExitedAtStartup the process exited first
   * @throws IllegalStateException no answer within {@code timeout}
   */
  static void awaitPing(
      ManagedProcess process, String name, int port, Duration timeout, Path... logs) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new ExitedAtStartup(
            startFailure(name + " on port " + port + " exited at start-up", logs));
      }
      try (Jedis jedis = new Jedis(RedisServerProcess.HOST, port, PING_CONFIG)) {
        if ("PONG".equals(jedis.ping())) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      ManagedProcess.sleepQuietly(20);
    }
    throw new IllegalStateException(
        startFailure(
            name
                + " on port "
                + port
                + " did not answer PING within "
                + timeout.toSeconds()
                + " s (last error: "
                + last
                + ")",
            logs));
  }

  /** {@code what; last log lines: ...} on the first line, then the tail of {@code logs}. */
  static String startFailure(String what, Path... logs) {
    return what
        + "; last log lines: "
        + RunDirs.lastLines(LAST_LINES, logs)
        + "\n"
        + RunDirs.tail(20, logs);
  }
}
