package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Plain single connections to a Redis endpoint, for checks and probes (not for the workload). */
public final class Connections {

  private Connections() {}

  /** A new connection to {@code node}; connect and read time out after {@code timeoutMillis}. */
  public static Jedis open(RedisNode node, int timeoutMillis) {
    var config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMillis)
            .socketTimeoutMillis(timeoutMillis)
            .password(node.password())
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED) // no extra round trips on connect
            .build();
    return new Jedis(new HostAndPort(node.host(), node.port()), config);
  }
}
