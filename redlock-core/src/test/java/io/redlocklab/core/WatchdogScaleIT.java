package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.WithRedisNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One client's watchdog holding 1,000 leases on five real nodes. */
@WithRedisNodes(count = 5)
class WatchdogScaleIT {

  private static final int LEASES = 1_000;
  private static final Duration TTL = Duration.ofMillis(1_500);
  private static final long TICK_MILLIS = TTL.toMillis() / 3;

  private final AtomicInteger renewals = new AtomicInteger();
  private final Map<Lease, Long> lostAt = new ConcurrentHashMap<>();
  private final RedlockListener listener =
      new RedlockListener() {
        @Override
        public void extended(Lease lease) {
          renewals.incrementAndGet();
        }

        @Override
        public void leaseLost(Lease lease, LeaseExpiredException reason) {
          lostAt.put(lease, System.nanoTime());
        }
      };

  private Cluster cluster;
  private Redlock client;

  @BeforeEach
  void connect(RedisNodes nodes) {
    this.cluster = new Cluster(nodes);
    this.client = Redlock.create(cluster.watchedConfig(TTL).listener(listener).build());
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void keepsAThousandLeasesAliveWithFewThreadsAndFewCalls() throws Exception {
    List<Lease> leases = acquireAll();
    long scriptCallsBefore = cluster.commandCalls(0, "evalsha");
    int renewalsBefore = renewals.get();
    Thread.sleep(TICK_MILLIS * 8);

    assertThat(lostAt).as("leases lost without a fault").isEmpty();
    assertThat(leases).allMatch(Lease::isValid);
    for (int node = 0; node < cluster.size(); node++) {
      long keys = cluster.direct(node, jedis -> jedis.dbSize());
      assertThat(keys).as("lock keys on node %d", node).isEqualTo(LEASES);
    }
    int renewed = renewals.get() - renewalsBefore;
    long scriptCalls = cluster.commandCalls(0, "evalsha") - scriptCallsBefore;
    assertThat(renewed).as("renewals in 8 ticks").isGreaterThanOrEqualTo(LEASES * 7);
    assertThat(scriptCalls).as("renewal script calls on node 0").isLessThan(renewed / 10);
    assertThat(watchdogThreads()).isBetween(1L, 1L + Watchdog.CONCURRENT_BATCHES);
  }

  @Test
  void reportsEveryLeaseLostBeforeItsValidityEndsWhenAMajorityIsCut() throws Exception {
    List<Lease> leases = acquireAll();
    Thread.sleep(TICK_MILLIS);
    cluster.cut(0, 1, 2);

    long deadline = System.nanoTime() + 3 * TTL.toNanos();
    while (lostAt.size() < LEASES && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(lostAt).hasSize(LEASES);
    for (Lease lease : leases) {
      assertThat(lostAt.get(lease))
          .as("lost signal of %s before its last granted validity ended", lease.resource())
          .isLessThan(lease.validUntilNanos());
      assertThat(lease.isValid()).isFalse();
    }
  }

  private List<Lease> acquireAll() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Lease>> pending = new ArrayList<>(LEASES);
      for (int i = 0; i < LEASES; i++) {
        String resource = "scale-" + i;
        pending.add(callers.submit(() -> client.acquire(resource, Duration.ofSeconds(2))));
      }
      List<Lease> leases = new ArrayList<>(LEASES);
      for (Future<Lease> lease : pending) {
        leases.add(lease.get());
      }
      return leases;
    } finally {
      callers.shutdownNow();
    }
  }

  private static long watchdogThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("redlock-watchdog"))
        .count();
  }
}
