package io.redlocklab.testkit;

import java.time.Duration;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/** Waits for a freshly started redis-server or redis-sentinel to answer PING. */
final class ServerReadiness {

  private static final JedisClientConfig PING_CONFIG =
      DefaultJedisClientConfig.builder().timeoutMillis(500).build();

  private ServerReadiness() {}

  /** The process died before it answered; the message ends with the tail of its logs. */
  static final class ExitedAtStartup extends IllegalStateException {
    ExitedAtStartup(String message) {
      super(message);
    }
  }

  /**
   * Returns once {@code 127.0.0.1:port} answers PING.
   *
   * @throws ExitedAtStartup the process exited first
   * @throws IllegalStateException no answer within {@code timeout}
   */
  static void awaitPing(
      ManagedProcess process, String name, int port, Duration timeout, Supplier<String> logTail) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new ExitedAtStartup(
            name + " on port " + port + " exited at start-up:\n" + logTail.get());
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
        name
            + " on port "
            + port
            + " did not answer PING within "
            + timeout.toSeconds()
            + " s (last error: "
            + last
            + "):\n"
            + logTail.get());
  }
}
