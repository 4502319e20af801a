package io.redlocklab.core;

import io.redlocklab.core.NodeOutcome.Status;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The connections to one node. Every call is bounded by the per-node timeout (connect, read and
 * pool wait) and is turned into a {@link NodeReply}; nothing here throws.
 */
final class NodeConnection implements AutoCloseable {

  /**
   * One command against one node: a non-null answer is {@code OK} with a value, null is {@code
   * TAKEN}.
   */
  @FunctionalInterface
  interface Command {
    Long run(NodeConnection node, RedisClient redis);
  }

  /**
   * Whether a command may be sent again on a fresh connection when a pooled one turns out to be
   * dead (the node restarted since it was opened). Only for commands whose repetition is harmless:
   * compare-and-delete, compare-and-expire, raising a counter, or an {@code INCR} whose skipped
   * value no one relies on. {@code SET NX} is never repeated: a repeat would find our own key and
   * look taken.
   */
  enum Delivery {
    AT_MOST_ONCE,
    RETRY_BROKEN_CONNECTION
  }

  private final RedisNode node;
  private final RedisClient redis;

  NodeConnection(RedisNode node, Duration timeout, int maxConnections) {
    this.node = node;
    int millis = (int) Math.max(1, timeout.toMillis());
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            // No CLIENT SETINFO/SETNAME handshake: a new connection's first round trip is the
            // command.
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    node.passwordIfAny().ifPresent(client::password);
    GenericObjectPoolConfig<Connection> poolConfig = new GenericObjectPoolConfig<>();
    poolConfig.setMaxTotal(maxConnections);
    poolConfig.setMaxIdle(maxConnections);
    poolConfig.setMaxWait(Duration.ofMillis(millis));
    poolConfig.setJmxEnabled(false);
    this.redis =
        RedisClient.builder()
            .hostAndPort(new HostAndPort(node.host(), node.port()))
            .clientConfig(client.build())
            .poolConfig(poolConfig)
            .build();
  }

  String name() {
    return node.address();
  }

  NodeReply call(int index, MonotonicClock clock, Command command, Delivery delivery) {
    long start = clock.nanoTime();
    try {
      Long value = runOnce(command, delivery);
      Status status = value == null ? Status.TAKEN : Status.OK;
      return reply(index, status, clock.nanoTime() - start, "", value == null ? 0 : value);
    } catch (RuntimeException e) {
      Status status = isTimeout(e) ? Status.TIMEOUT : Status.ERROR;
      return reply(index, status, clock.nanoTime() - start, oneLine(e), 0);
    }
  }

  private Long runOnce(Command command, Delivery delivery) {
    try {
      return command.run(this, redis);
    } catch (JedisConnectionException e) {
      if (delivery == Delivery.AT_MOST_ONCE || isTimeout(e)) {
        throw e;
      }
      redis.getPool().clear(); // its siblings are as dead as it was
      return command.run(this, redis);
    }
  }

  /** Runs a script by digest, resending its source when the node's script cache is empty. */
  Object eval(RedisClient jedis, LuaScript script, List<String> keys, List<String> args) {
    try {
      return jedis.evalsha(script.sha1(), keys, args);
    } catch (JedisNoScriptException e) {
      return jedis.eval(script.source(), keys, args);
    }
  }

  private NodeReply reply(int index, Status status, long nanos, String detail, long value) {
    return new NodeReply(
        index, new NodeOutcome(name(), status, Duration.ofNanos(nanos), detail), value);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof NoSuchElementException) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse("");
  }

  @Override
  public void close() {
    redis.close();
  }
}
