package io.redlocklab.harness.lockclient.redisson;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockClientContext;
import io.redlocklab.harness.lockclient.LockClientFactory;
import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.lockclient.LockRefusedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.RedissonRedLock;
import org.redisson.api.RFencedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Redisson 4.7.0 behind the seam: one {@link RedissonClient} per server, each through this workload
 * client's own proxy (in Sentinel mode one over the sentinels), sharing one small Netty event loop.
 * Redisson measures no validity and renews in its own timer, so none of it runs on the injected
 * clock.
 */
public final class RedissonLockClient implements LockClient {

  /** Which Redisson lock a mode runs. */
  public enum Kind {
    /** {@code RLock} on one master, lease time = TTL. */
    RLOCK,
    /** {@code RLock} on one master, no lease time: the watchdog renews it. */
    RLOCK_WATCHDOG,
    /** {@code RedissonRedLock} over every server, lease time = TTL. */
    REDLOCK,
    /** {@code RFencedLock} on one master, lease time = TTL; its token goes to the resource. */
    FENCED,
    /**
     * {@code RLock} on the master the sentinels report ({@code useSentinelServers}), lease time =
     * TTL, with Redisson's default replica synchronisation: {@code checkLockSyncedSlaves = true},
     * {@code slavesSyncTimeout = 1000} ms.
     */
    RLOCK_SENTINEL
  }

  private static final int NETTY_THREADS = 2;
  private static final int CONNECT_TIMEOUT_MILLIS = 1000;
  private static final int START_ATTEMPTS = 3;
  private static final Duration QUIET_PERIOD = Duration.ZERO;
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final Kind kind;
  private final LockClientContext context;
  private final EventLoopGroup eventLoop = new NioEventLoopGroup(NETTY_THREADS);
  private final List<RedissonClient> clients = new ArrayList<>();
  private long acquisitions;

  private RedissonLockClient(Kind kind, LockClientContext context) {
    this.kind = kind;
    this.context = context;
    if (kind == Kind.RLOCK_SENTINEL) {
      clients.add(start(sentinelConfig(), "the sentinels " + context.servers()));
    } else {
      for (Endpoint server : context.servers()) {
        clients.add(start(config(server), server.toString()));
      }
    }
  }

  /**
   * Redisson PINGs each new connection within the node timeout; the first start in a fresh JVM can
   * miss that, so starting is tried a few times. Connecting is not lock behaviour.
   */
  private RedissonClient start(Config config, String where) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        return Redisson.create(config);
      } catch (RuntimeException e) {
        last = e;
      }
    }
    close();
    throw new HarnessException(
        "Redisson could not connect to " + where + " in " + START_ATTEMPTS + " attempts: " + last,
        last);
  }

  /** The factory of a mode that runs {@code kind}. */
  public static LockClientFactory factory(Kind kind) {
    return context -> new RedissonLockClient(kind, context);
  }

  /**
   * What {@code kind} can take part in: no injected clock, no during-acquire hook, a token only
   * from {@code RFencedLock}, a watchdog only without a lease time.
   */
  public static LockClientTraits traits(Kind kind) {
    return new LockClientTraits(
        false,
        LockClientTraits.workloadPausePoints(),
        kind == Kind.FENCED,
        kind == Kind.RLOCK_WATCHDOG);
  }

  /**
   * Like jmh's BenchClients.redisson, with the scenario's node timeout as the response timeout and
   * no command retries (the acquire wait is the only retry budget, spent by {@code tryLock}
   * itself). Connecting may take 1 s, as in the benchmarks: setting up a connection is not lock
   * behaviour. The watchdog timeout is the scenario's TTL, so it renews every TTL/3. Connections
   * are made on first use ({@code lazyInitialization}): a scenario may start with a node cut off
   * from this client, and an eager start would fail the whole client for one unreachable master.
   */
  private Config config(Endpoint server) {
    int timeout = (int) context.nodeTimeout().toMillis();
    Config config = baseConfig();
    config
        .useSingleServer()
        .setAddress("redis://" + server.host() + ":" + server.port())
        .setTimeout(timeout)
        .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
        .setRetryAttempts(0)
        .setConnectionMinimumIdleSize(1)
        .setConnectionPoolSize(2)
        .setSubscriptionConnectionMinimumIdleSize(1)
        .setSubscriptionConnectionPoolSize(1);
    return config;
  }

  /** What every kind shares: the event loop, the watchdog timeout, lazy connections. */
  private Config baseConfig() {
    Config config = new Config();
    config.setEventLoopGroup(eventLoop);
    config.setThreads(NETTY_THREADS);
    config.setLockWatchdogTimeout(context.ttl().toMillis());
    config.setLazyInitialization(true);
    return config;
  }

  /**
   * Sentinel mode as a user would configure it: the sentinels and the master's name, the same
   * timeouts and pool sizes as {@link #config}, and every replica-synchronisation setting left at
   * Redisson's default (Config: checkLockSyncedSlaves = true, slavesSyncTimeout = 1000 ms; read and
   * subscription mode SLAVE). The sentinels report each server's shared proxy; the client's NAT map
   * (its address map) sends it through its own proxy to that server, and to each sentinel it
   * discovers.
   */
  private Config sentinelConfig() {
    int timeout = (int) context.nodeTimeout().toMillis();
    Config config = baseConfig();
    var sentinel =
        config
            .useSentinelServers()
            .setMasterName(
                context
                    .sentinelMaster()
                    .orElseThrow(
                        () -> new HarnessException("RLOCK_SENTINEL needs a Sentinel mode")))
            .setTimeout(timeout)
            .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
            .setRetryAttempts(0)
            .setMasterConnectionMinimumIdleSize(1)
            .setMasterConnectionPoolSize(2)
            .setSlaveConnectionMinimumIdleSize(1)
            .setSlaveConnectionPoolSize(2)
            .setSubscriptionConnectionMinimumIdleSize(1)
            .setSubscriptionConnectionPoolSize(1)
            .setNatMap(context.addressMap());
    for (Endpoint server : context.servers()) {
      sentinel.addSentinelAddress("redis://" + server.host() + ":" + server.port());
    }
    return config;
  }

  @Override
  public HeldLease acquire(String resource, Duration wait) {
    MonotonicClock clock = context.clock();
    long invokedNanos = clock.nanoTime();
    long waitMillis = wait.toMillis();
    long leaseMillis = context.ttl().toMillis();
    RLock lock;
    Long token = null;
    boolean granted;
    try {
      switch (kind) {
        case RLOCK -> {
          lock = clients.get(0).getLock(resource);
          granted = lock.tryLock(waitMillis, leaseMillis, TimeUnit.MILLISECONDS);
        }
        case RLOCK_SENTINEL -> {
          lock = clients.get(0).getLock(resource);
          granted = lock.tryLock(waitMillis, leaseMillis, TimeUnit.MILLISECONDS);
        }
        case RLOCK_WATCHDOG -> {
          lock = clients.get(0).getLock(resource);
          granted = lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
        }
        case REDLOCK -> {
          lock = redLock(resource);
          granted = lock.tryLock(waitMillis, leaseMillis, TimeUnit.MILLISECONDS);
        }
        case FENCED -> {
          RFencedLock fenced = clients.get(0).getFencedLock(resource);
          lock = fenced;
          token = fenced.tryLockAndGetToken(waitMillis, leaseMillis, TimeUnit.MILLISECONDS);
          granted = token != null;
        }
        default -> throw new IllegalStateException("unknown kind " + kind);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockRefusedException("InterruptedException: acquire interrupted", List.of());
    } catch (RuntimeException e) {
      throw new LockRefusedException(why(e), List.of());
    }
    if (!granted) {
      throw new LockRefusedException(
          "NotAcquired: tryLock returned false within " + waitMillis + " ms", List.of());
    }
    acquisitions++;
    return new Held(
        lock,
        "redisson-" + context.client() + "-" + acquisitions,
        token,
        believedUntil(invokedNanos, clock.nanoTime(), leaseMillis));
  }

  /**
   * The exception and its first cause: Redisson wraps what went wrong (e.g.
   * NoSyncedSlavesException, a refused connection) in "Unexpected exception while processing
   * command".
   */
  private static String why(RuntimeException e) {
    String why = e.getClass().getSimpleName() + ": " + e.getMessage();
    Throwable cause = e.getCause();
    return cause == null || cause == e
        ? why
        : why + " (cause: " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
  }

  private RLock redLock(String resource) {
    RLock[] locks = clients.stream().map(c -> c.getLock(resource)).toArray(RLock[]::new);
    return new RedissonRedLock(locks);
  }

  /**
   * Redisson starts the lease with the request that set (or, for RedLock, re-expired) the key; it
   * tells nothing of when that was. Every command answers within the node timeout (no retries), and
   * RedLock sets the lease on its nodes one after another, so that request was sent no earlier than
   * {@code servers × nodeTimeout} before tryLock returned, and no earlier than its call. In
   * Sentinel mode the lock script and its {@code WAIT} go as one batch whose response timeout is
   * the node timeout plus slavesSyncTimeout (BaseRedisBatchExecutor), so that bounds it instead.
   */
  private long believedUntil(long invokedNanos, long returnedNanos, long leaseMillis) {
    if (kind == Kind.RLOCK_WATCHDOG) {
      return HeldLease.UNTIL_RELEASE;
    }
    long lastRequest =
        kind == Kind.RLOCK_SENTINEL
            ? context.nodeTimeout().toNanos()
                + TimeUnit.MILLISECONDS.toNanos(clients.get(0).getConfig().getSlavesSyncTimeout())
            : context.nodeTimeout().toNanos() * context.servers().size();
    long sentNanos = Math.max(invokedNanos, returnedNanos - lastRequest);
    return sentNanos + TimeUnit.MILLISECONDS.toNanos(leaseMillis);
  }

  @Override
  public void close() {
    for (RedissonClient client : clients) {
      client.shutdown(QUIET_PERIOD.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    eventLoop
        .shutdownGracefully(
            QUIET_PERIOD.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
  }

  /**
   * A granted Redisson lock. Redisson never tells the holder that its lease is gone: a renewal that
   * finds the key missing just stops, one that fails is logged (renewal/RenewalTask, LockTask).
   */
  private record Held(RLock lock, String value, Long token, long believedUntilNanos)
      implements HeldLease {

    @Override
    public boolean lost() {
      return false;
    }

    @Override
    public List<String> acquireDetail() {
      return List.of();
    }

    @Override
    public String release() {
      try {
        lock.unlock();
        return "unlocked";
      } catch (RuntimeException e) {
        return "unlock failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
  }
}
