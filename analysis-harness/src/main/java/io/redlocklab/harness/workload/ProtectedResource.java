package io.redlocklab.harness.workload;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.history.Ops;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One client's connection to the protected resource: a Redis string holding a set of elements
 * (Jepsen's lock-set workload). Unfenced, a read is {@code GET} and a write is {@code SET}. Fenced,
 * both go through a check that remembers the newest (token, lease value) it has seen and rejects an
 * older token, or a second holder at the same token.
 */
final class ProtectedResource implements AutoCloseable {

  /** KEYS: set, fence. ARGV: op, token, lease value, new set (write only). */
  static final String FENCED_ACCESS =
      """
      local token = tonumber(ARGV[2])
      local seen = redis.call('HMGET', KEYS[2], 'token', 'value')
      local seenToken = tonumber(seen[1] or '-1')
      if token < seenToken then
        return redis.error_reply('FENCED stale token ' .. token .. ' < ' .. seenToken)
      end
      if token == seenToken and seen[2] ~= ARGV[3] then
        return redis.error_reply('FENCED second holder at token ' .. token)
      end
      redis.call('HSET', KEYS[2], 'token', ARGV[2], 'value', ARGV[3])
      if ARGV[1] == 'write' then
        redis.call('SET', KEYS[1], ARGV[4])
        return 'OK'
      end
      return redis.call('GET', KEYS[1]) or ''\
      """;

  /** What happened to one read or write. */
  sealed interface Result {
    record Applied(Set<String> elements) implements Result {}

    record Fenced(String why) implements Result {}

    record Failed(String why) implements Result {}

    record Unknown(String why) implements Result {}
  }

  private final RedisNode endpoint;
  private final Duration timeout;
  private final String setKey;
  private final String fenceKey;
  private Jedis jedis;

  ProtectedResource(RedisNode endpoint, String resource, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.setKey = "resource:" + resource;
    this.fenceKey = "fence:" + resource;
  }

  /** Reads the set; {@code token} null means unfenced. */
  Result read(Long token, String leaseValue) {
    return call(token, leaseValue, "read", null);
  }

  /** Replaces the set; {@code token} null means unfenced. */
  Result write(Long token, String leaseValue, Set<String> elements) {
    return call(token, leaseValue, "write", elements);
  }

  private Result call(Long token, String leaseValue, String op, Set<String> elements) {
    Jedis connection;
    try {
      connection = connection();
    } catch (JedisConnectionException e) {
      drop();
      return new Result.Failed("cannot connect: " + e.getMessage());
    }
    try {
      if (token == null) {
        if (elements == null) {
          return new Result.Applied(Ops.splitElements(connection.get(setKey)));
        }
        connection.set(setKey, Ops.joinElements(elements));
        return new Result.Applied(elements);
      }
      List<String> args =
          elements == null
              ? List.of(op, Long.toString(token), leaseValue)
              : List.of(op, Long.toString(token), leaseValue, Ops.joinElements(elements));
      Object reply = connection.eval(FENCED_ACCESS, List.of(setKey, fenceKey), args);
      return new Result.Applied(elements != null ? elements : Ops.splitElements((String) reply));
    } catch (JedisDataException e) {
      String message = String.valueOf(e.getMessage());
      return message.startsWith("FENCED")
          ? new Result.Fenced(message.substring("FENCED ".length()))
          : new Result.Failed(message);
    } catch (JedisConnectionException e) {
      drop();
      // The request may have reached the resource before the connection failed.
      return new Result.Unknown(e.getMessage() == null ? "connection failed" : e.getMessage());
    }
  }

  /** Reads the set directly (after the run), never through a fence. */
  static Set<String> finalElements(RedisNode direct, String resource) {
    try (Jedis jedis =
        new Jedis(
            new HostAndPort(direct.host(), direct.port()),
            DefaultJedisClientConfig.builder()
                .timeoutMillis(5_000)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build())) {
      return new LinkedHashSet<>(Ops.splitElements(jedis.get("resource:" + resource)));
    }
  }

  private Jedis connection() {
    if (jedis == null) {
      int millis = (int) timeout.toMillis();
      jedis =
          new Jedis(
              new HostAndPort(endpoint.host(), endpoint.port()),
              DefaultJedisClientConfig.builder()
                  .connectionTimeoutMillis(millis)
                  .socketTimeoutMillis(millis)
                  .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                  .build());
    }
    return jedis;
  }

  private void drop() {
    if (jedis != null) {
      try {
        jedis.close();
      } catch (RuntimeException ignored) {
        // the connection is already broken
      }
      jedis = null;
    }
  }

  @Override
  public void close() {
    drop();
  }
}
