package io.redlocklab.core;

import io.redlocklab.jmh.BenchClients;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.SetParams;

/**
 * Benchmark-only baseline, not a product option, kept in redlock-core's package (but in the jmh
 * module) so that it uses the core's own release script and validity arithmetic: the Redlock
 * acquisition of redlock-core (same value, same SET NX PX, same quorum and validity rule, release
 * everywhere on failure, same Jedis pooled clients and timeouts) but sending to the nodes one after
 * another on the calling thread, as the redis.io reference description, redlock-rb and Redisson's
 * RedissonRedLock/MultiLock do. The release is sequential too (redlock-rb; Redisson releases
 * concurrently).
 */
public final class SequentialRedlock implements AutoCloseable {

  /** redlock-core's compare-and-delete script, for the benchmarks' raw clients. */
  public static final String RELEASE = LuaScript.RELEASE.source();

  private static final SecureRandom VALUES = new SecureRandom();
  private static final double DRIFT_FACTOR = 0.01;

  private final List<RedisClient> nodes;
  private final long ttlMillis;
  private final SetParams setParams;
  private final String releaseSha;

  public SequentialRedlock(List<HostAndPort> endpoints, Duration ttl) {
    this.nodes = endpoints.stream().map(SequentialRedlock::client).toList();
    this.ttlMillis = ttl.toMillis();
    this.setParams = SetParams.setParams().nx().px(ttlMillis);
    String sha = null;
    for (RedisClient node : nodes) {
      sha =
          node.scriptLoad(
              RELEASE); // the same digest everywhere; loaded so that EVALSHA hits at once
    }
    this.releaseSha = sha;
  }

  private static RedisClient client(HostAndPort endpoint) {
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(64);
    pool.setMaxIdle(64);
    pool.setMaxWait(BenchClients.NODE_TIMEOUT);
    pool.setJmxEnabled(false);
    return RedisClient.builder()
        .hostAndPort(endpoint)
        .clientConfig(BenchClients.jedisConfig())
        .poolConfig(pool)
        .build();
  }

  /** One attempt: the lease value, or null when there was no quorum with validity left. */
  public String tryAcquire(String key) {
    byte[] bytes = new byte[16];
    VALUES.nextBytes(bytes);
    String value = HexFormat.of().formatHex(bytes);
    long start = System.nanoTime();
    int ok = 0;
    for (RedisClient node : nodes) {
      try {
        if ("OK".equals(node.set(key, value, setParams))) {
          ok++;
        }
      } catch (JedisException e) {
        // an error or timeout counts against the quorum
      }
    }
    long validity =
        Validity.remainingNanos(ttlMillis * 1_000_000L, System.nanoTime() - start, DRIFT_FACTOR);
    if (ok >= RedlockConfig.majorityOf(nodes.size()) && validity > 0) {
      return value;
    }
    release(key, value);
    return null;
  }

  /** Compare-and-delete on every node in turn; returns how many deleted it. */
  public int release(String key, String value) {
    int released = 0;
    List<String> keys = List.of(key);
    List<String> args = List.of(value);
    for (RedisClient node : nodes) {
      try {
        Object reply;
        try {
          reply = node.evalsha(releaseSha, keys, args);
        } catch (JedisNoScriptException e) {
          reply = node.eval(RELEASE, keys, args);
        }
        if (Long.valueOf(1L).equals(reply)) {
          released++;
        }
      } catch (JedisException e) {
        // the key expires by itself
      }
    }
    return released;
  }

  @Override
  public void close() {
    nodes.forEach(RedisClient::close);
  }
}
