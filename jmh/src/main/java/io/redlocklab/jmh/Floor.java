package io.redlocklab.jmh;

import io.redlocklab.core.SequentialRedlock;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * The floor: one plain Jedis connection (no pool, no thread hand-off) doing the two round trips no
 * lock can avoid, {@code SET key value NX PX ttl} and a compare-and-delete {@code EVALSHA}. The
 * value has the size of a lease value but comes from a counter, so no random bytes are drawn.
 */
final class Floor implements AutoCloseable {

  private static final String PREFIX = "f1007f1007f1007f";

  private final Jedis jedis;
  private final SetParams setParams = SetParams.setParams().nx().px(BenchClients.TTL.toMillis());
  private final String releaseSha;
  private long counter;

  Floor(HostAndPort endpoint) {
    this.jedis = new Jedis(endpoint, BenchClients.jedisConfig());
    this.releaseSha = jedis.scriptLoad(SequentialRedlock.RELEASE);
  }

  /** Acquires and releases {@code key}; fails loudly if either step does not succeed. */
  long acquireRelease(String key) {
    String value = PREFIX + HexFormat.of().toHexDigits(counter++);
    if (!"OK".equals(jedis.set(key, value, setParams))) {
      throw new IllegalStateException("floor: SET NX found the key taken");
    }
    Object released = jedis.evalsha(releaseSha, List.of(key), List.of(value));
    if (!Long.valueOf(1L).equals(released)) {
      throw new IllegalStateException("floor: compare-and-delete answered " + released);
    }
    return counter;
  }

  @Override
  public void close() {
    jedis.close();
  }
}
