package io.redlocklab.harness.examples;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockClientContext;
import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.lockclient.LockRefusedException;
import io.redlocklab.harness.mode.LockMode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The example of docs/LOCK-CLIENTS.md, compiled here and run as a mode by {@code MyLockClientIT}:
 * the plain single-Redis lock, {@code SET key value NX PX ttl} and a compare-and-delete release.
 */
// LOCK-CLIENTS:begin
public final class MyLockClient implements LockClient {

  /** Its column: one master, no replica; validity on the injected clock; no hook, no token. */
  public static final LockMode MODE =
      new LockMode(
          "my-set-nx",
          "my SET NX PX",
          LockMode.Group.SINGLE_REDIS,
          1,
          false,
          new LockClientTraits(true, LockClientTraits.workloadPausePoints(), false, false),
          MyLockClient::new,
          "the docs' example: SET NX PX on one master, compare-and-delete release");

  private static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"
          + " return 0";
  private static final Duration RETRY = Duration.ofMillis(10);

  private final LockClientContext context;
  private final HostAndPort server;
  private Jedis connection;

  public MyLockClient(LockClientContext context) {
    this.context = context;
    Endpoint only = context.servers().get(0);
    this.server = new HostAndPort(only.host(), only.port());
  }

  @Override
  public HeldLease acquire(String resource, Duration wait) {
    MonotonicClock clock = context.clock();
    long giveUp = clock.nanoTime() + wait.toNanos();
    String value = UUID.randomUUID().toString();
    String why = "never tried";
    while (true) {
      long sent = clock.nanoTime(); // the key cannot expire before sent + ttl
      try {
        String reply =
            connection().set(resource, value, SetParams.setParams().nx().px(ttlMillis()));
        if ("OK".equals(reply)) {
          return new Held(resource, value, sent + context.ttl().toNanos());
        }
        why = "LockTaken: " + resource + " is held by another value";
      } catch (JedisException e) {
        drop(); // the key may have been set: it expires, nobody else can release it
        why = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (clock.nanoTime() + RETRY.toNanos() > giveUp) {
        throw new LockRefusedException(why, List.of(server + ": " + why));
      }
      sleep(RETRY);
    }
  }

  private long ttlMillis() {
    return context.ttl().toMillis();
  }

  /** One connection, opened on first use and again after a failure; timeouts = node timeout. */
  private Jedis connection() {
    if (connection == null) {
      int timeout = (int) context.nodeTimeout().toMillis();
      connection =
          new Jedis(
              server,
              DefaultJedisClientConfig.builder()
                  .connectionTimeoutMillis(timeout)
                  .socketTimeoutMillis(timeout)
                  .build());
    }
    return connection;
  }

  private void drop() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockRefusedException("Interrupted: acquire interrupted", List.of());
    }
  }

  @Override
  public void close() {
    drop();
  }

  /** A granted lease: believed valid until {@code sent + ttl} on the client's clock. */
  private final class Held implements HeldLease {
    private final String resource;
    private final String value;
    private final long believedUntilNanos;

    Held(String resource, String value, long believedUntilNanos) {
      this.resource = resource;
      this.value = value;
      this.believedUntilNanos = believedUntilNanos;
    }

    @Override
    public String value() {
      return value;
    }

    @Override
    public Long token() {
      return null; // no fencing
    }

    @Override
    public long believedUntilNanos() {
      return believedUntilNanos;
    }

    @Override
    public boolean lost() {
      return false; // nothing renews, so nothing can tell the holder it lost the key
    }

    @Override
    public List<String> acquireDetail() {
      return List.of(server + ": OK");
    }

    @Override
    public String release() {
      try {
        Object deleted = connection().eval(RELEASE, List.of(resource), List.of(value));
        return Long.valueOf(1).equals(deleted) ? "released" : "already gone";
      } catch (JedisException e) {
        drop();
        return "release failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
  }
}
// LOCK-CLIENTS:end
