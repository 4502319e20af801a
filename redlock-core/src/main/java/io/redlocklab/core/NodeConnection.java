package io.redlocklab.core;

import io.redlocklab.core.NodeOutcome.Status;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;
import redis.clients.jedis.util.Pool;

/**
 * The connections to one node: a Jedis connection pool to a fixed address, or, for a {@link
 * SentinelNode}, Jedis's Sentinel-backed pool that moves to the promoted master after a failover.
 * Every call is bounded by the per-node timeout (connect, read and pool wait) and is turned into a
 * {@link NodeReply}; nothing here throws.
 */
final class NodeConnection implements AutoCloseable {

  /**
   * One command against one node: a non-null answer is {@code OK} with a value, null is {@code
   * TAKEN}.
   */
  @FunctionalInterface
  interface Command {
    Long run(NodeConnection node, UnifiedJedis redis);
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

  private final LockNode node;
  private final Duration timeout;
  private final JedisClientConfig clientConfig;
  private final GenericObjectPoolConfig<Connection> poolConfig;
  private volatile Pooled pooled; // null until a sentinel first answers
  private boolean closed; // guarded by this

  /** The pool and the client whose every command borrows from it. */
  private record Pooled(ConnectionProvider provider, UnifiedJedis client) {
    Pooled(ConnectionProvider provider) {
      this(provider, new UnifiedJedis(provider));
    }
  }

  NodeConnection(LockNode node, Duration timeout, int maxConnections) {
    this.node = node;
    this.timeout = timeout;
    this.clientConfig = clientConfig(timeout, node.passwordIfAny().orElse(null)).build();
    this.poolConfig = new GenericObjectPoolConfig<>();
    poolConfig.setMaxTotal(maxConnections);
    poolConfig.setMaxIdle(maxConnections);
    poolConfig.setMaxWait(Duration.ofMillis(clientConfig.getSocketTimeoutMillis()));
    poolConfig.setJmxEnabled(false);
    if (node instanceof RedisNode fixed) {
      // Opens no connection yet: the pool connects on first use.
      pooled =
          new Pooled(new PooledConnectionProvider(hostAndPort(fixed), clientConfig, poolConfig));
    }
  }

  private static DefaultJedisClientConfig.Builder clientConfig(Duration timeout, String password) {
    int millis = (int) Math.max(1, timeout.toMillis());
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            // No CLIENT SETINFO/SETNAME handshake: a new connection's first round trip is the
            // command.
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    if (password != null) {
      client.password(password);
    }
    return client;
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
    UnifiedJedis client = pooled().client();
    try {
      return command.run(this, client);
    } catch (JedisConnectionException e) {
      if (delivery == Delivery.AT_MOST_ONCE || isTimeout(e)) {
        throw e;
      }
      clearIdleConnections(); // their siblings are as dead as it was
      return command.run(this, client);
    }
  }

  /**
   * Runs {@code write} and then {@code WAIT} on one connection borrowed for both ({@code WAIT}
   * counts the writes of its own connection). A write that was refused (null) is not waited for.
   *
   * @throws RedlockException fewer than {@code lease.replicas()} replicas acknowledged in time
   */
  Long runReplicated(Command write, String key, ReplicatedLease lease) {
    try (Connection connection = pooled().provider().getConnection()) {
      UnifiedJedis one = new UnifiedJedis(connection);
      Long value = write.run(this, one);
      if (value == null) {
        return null;
      }
      long timeoutMillis = lease.waitTimeout().toMillis();
      long acknowledged = one.waitReplicas(key, lease.replicas(), timeoutMillis);
      if (acknowledged < lease.replicas()) {
        throw new RedlockException(
            "WAIT: "
                + acknowledged
                + " of "
                + lease.replicas()
                + " replicas acknowledged within "
                + timeoutMillis
                + " ms",
            List.of());
      }
      return value;
    }
  }

  /** Runs a script by digest, resending its source when the node's script cache is empty. */
  Object eval(UnifiedJedis jedis, LuaScript script, List<String> keys, List<String> args) {
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

  // ---- the pool, opened at once for a fixed address and on first use behind Sentinel ----

  private Pooled pooled() {
    Pooled current = pooled;
    return current != null ? current : openSentinelPool();
  }

  private synchronized Pooled openSentinelPool() {
    if (pooled == null) {
      if (closed) {
        throw new RedlockException(name() + ": connections closed", List.of());
      }
      pooled = new Pooled(sentinelProvider((SentinelNode) node));
    }
    return pooled;
  }

  /** Asks the sentinels where the master is; throws when none of them answers. */
  private ConnectionProvider sentinelProvider(SentinelNode sentinel) {
    Set<HostAndPort> sentinels = new LinkedHashSet<>();
    sentinel.sentinels().forEach(address -> sentinels.add(hostAndPort(address)));
    JedisClientConfig sentinelConfig =
        clientConfig(timeout, sentinel.sentinelPasswordIfAny().orElse(null)).build();
    JedisClientConfig masterConfig = clientConfig;
    if (!sentinel.addressMap().isEmpty()) {
      Map<HostAndPort, HostAndPort> mapped = new HashMap<>();
      sentinel
          .addressMap()
          .forEach(
              (reported, actual) ->
                  mapped.put(HostAndPort.from(reported), HostAndPort.from(actual)));
      masterConfig =
          clientConfig(timeout, sentinel.passwordIfAny().orElse(null))
              .hostAndPortMapper(reported -> mapped.getOrDefault(reported, reported))
              .build();
    }
    return new SentineledConnectionProvider(
        sentinel.masterName(), masterConfig, poolConfig, sentinels, sentinelConfig);
  }

  private void clearIdleConnections() {
    for (Object pool : pooled().provider().getConnectionMap().values()) {
      if (pool instanceof Pool<?> connections) {
        connections.clear();
      }
    }
  }

  private static HostAndPort hostAndPort(RedisNode address) {
    return new HostAndPort(address.host(), address.port());
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (pooled != null) {
      pooled.client().close();
    }
  }
}
