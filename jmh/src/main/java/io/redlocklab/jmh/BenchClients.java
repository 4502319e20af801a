package io.redlocklab.jmh;

import io.redlocklab.core.FencingMode;
import io.redlocklab.core.Redlock;
import io.redlocklab.core.RedlockConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.redisson.Redisson;
import org.redisson.RedissonRedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/** The clients under comparison, all configured alike: one TTL, one per-node timeout. */
public final class BenchClients {

  /** Lease time on every node, for every lock compared. */
  public static final Duration TTL = Duration.ofSeconds(10);

  /** Per-node answer timeout: redlock-core's default, also given to Jedis and Redisson. */
  public static final Duration NODE_TIMEOUT = Duration.ofMillis(100);

  private BenchClients() {}

  /** Votes an acquisition over {@code nodes} needs: a strict majority, as redlock-core counts. */
  public static int majority(int nodes) {
    return nodes / 2 + 1;
  }

  /** redlock-core with its defaults, except the fencing mode. */
  public static Redlock redlock(BenchCluster cluster, FencingMode fencing) {
    RedlockConfig.Builder builder =
        RedlockConfig.builder().ttl(TTL).nodeTimeout(NODE_TIMEOUT).fencing(fencing);
    cluster.endpoints().forEach(e -> builder.node(e.getHost(), e.getPort()));
    return Redlock.create(builder.build());
  }

  /** What redlock-core gives Jedis: per-node timeouts, no CLIENT SETINFO handshake. */
  public static JedisClientConfig jedisConfig() {
    int millis = (int) NODE_TIMEOUT.toMillis();
    return DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis)
        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
        .build();
  }

  /**
   * One Redisson client for one node (RedissonRedLock takes one client per independent master).
   * Departures from Redisson's defaults, all in its favour or neutral, none changing what a lock
   * does:
   *
   * <ul>
   *   <li>response {@code timeout} 100 ms (default 3 s), the same per-node budget as the others;
   *   <li>{@code connectionMinimumIdleSize} 4 (default 24) and {@code nettyThreads}/{@code threads}
   *       4 (defaults 32/16): a single benchmark thread uses one or two connections per node, and
   *       this is a 2-core machine;
   * </ul>
   *
   * The lock watchdog is not involved because every lock call passes an explicit lease time.
   */
  public static RedissonClient redisson(HostAndPort node) {
    Config config = new Config();
    config.setNettyThreads(4);
    config.setThreads(4);
    config
        .useSingleServer()
        .setAddress("redis://" + node.getHost() + ":" + node.getPort())
        .setTimeout((int) NODE_TIMEOUT.toMillis())
        .setConnectTimeout(1000)
        .setConnectionMinimumIdleSize(4)
        .setSubscriptionConnectionMinimumIdleSize(1);
    return Redisson.create(config);
  }

  /**
   * One Redisson client per node of {@code cluster}, added to {@code clients} (the caller shuts
   * them down), and the lock on {@code resource}: a plain {@link RLock} on one node, a {@link
   * RedissonRedLock} over several.
   */
  public static RLock redissonLock(
      BenchCluster cluster, String resource, List<RedissonClient> clients) {
    List<RLock> locks = new ArrayList<>();
    for (HostAndPort endpoint : cluster.endpoints()) {
      RedissonClient client = redisson(endpoint);
      clients.add(client);
      locks.add(client.getLock(resource));
    }
    return locks.size() == 1 ? locks.get(0) : new RedissonRedLock(locks.toArray(RLock[]::new));
  }
}
