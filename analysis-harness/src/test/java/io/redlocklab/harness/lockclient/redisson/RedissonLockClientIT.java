package io.redlocklab.harness.lockclient.redisson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LeaseEvents;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockClientContext;
import io.redlocklab.harness.lockclient.LockRefusedException;
import io.redlocklab.harness.lockclient.redisson.RedissonLockClient.Kind;
import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.RedisNodesExtension;
import io.redlocklab.testkit.SentinelGroup;
import io.redlocklab.testkit.WithRedisNodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seam's contract for every Redisson kind, on real servers: five redis-servers behind
 * Toxiproxy, and for the Sentinel kind a real master, replica and three sentinels.
 */
@WithRedisNodes(count = 5)
class RedissonLockClientIT {

  private static final Duration TTL = Duration.ofSeconds(2);
  private static final Duration NODE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration SHORT_WAIT = Duration.ofMillis(300);
  private static final Duration WAIT = Duration.ofSeconds(3);

  private static SentinelGroup sentinels;

  private final RedisNodes nodes;

  RedissonLockClientIT(RedisNodes nodes) {
    this.nodes = nodes;
  }

  @AfterAll
  static void stopSentinels() {
    if (sentinels != null) {
      sentinels.close();
    }
  }

  private static synchronized SentinelGroup sentinels() {
    if (sentinels == null) {
      RedisNodesExtension.requireSentinelServers();
      sentinels = SentinelGroup.start();
    }
    return sentinels;
  }

  /** Workload client {@code client}'s lock of {@code kind}, with lease time {@code ttl}. */
  private LockClient client(Kind kind, int client, Duration ttl) {
    List<Endpoint> servers;
    Optional<String> master = Optional.empty();
    if (kind == Kind.RLOCK_SENTINEL) {
      servers =
          sentinels().sentinelPorts().stream()
              .map(port -> new Endpoint(SentinelGroup.HOST, port))
              .toList();
      master = Optional.of(sentinels().masterName());
    } else {
      int count = kind == Kind.REDLOCK ? nodes.size() : 1;
      servers =
          IntStream.range(0, count)
              .mapToObj(i -> new Endpoint("127.0.0.1", nodes.node(i).proxyPort()))
              .toList();
    }
    LockClientContext context =
        new LockClientContext(
            client,
            servers,
            master,
            Map.of(),
            ttl,
            NODE_TIMEOUT,
            false,
            Duration.ofMillis(50),
            client,
            MonotonicClock.system(),
            LeaseEvents.NONE);
    return RedissonLockClient.factory(kind).create(context);
  }

  private static String resource() {
    return "it-" + UUID.randomUUID();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aHeldLockRefusesTheOtherClientUntilItIsReleased(Kind kind) {
    String resource = resource();
    try (LockClient first = client(kind, 0, TTL);
        LockClient second = client(kind, 1, TTL)) {
      HeldLease held = first.acquire(resource, WAIT);

      assertThatThrownBy(() -> second.acquire(resource, SHORT_WAIT))
          .isInstanceOf(LockRefusedException.class);
      assertThat(held.release()).isEqualTo("unlocked");
      HeldLease next = second.acquire(resource, WAIT);
      assertThat(next.value()).isNotEqualTo(held.value());
      assertThat(next.release()).isEqualTo("unlocked");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"RLOCK", "REDLOCK", "FENCED", "RLOCK_SENTINEL"})
  void aLeaseTimeLeaseIsBelievedNoLongerThanTheTtlAndThenExpires(Kind kind) {
    Duration ttl = Duration.ofMillis(600);
    String resource = resource();
    try (LockClient first = client(kind, 0, ttl);
        LockClient second = client(kind, 1, ttl)) {
      long before = System.nanoTime();
      HeldLease held = first.acquire(resource, WAIT);
      long after = System.nanoTime();

      assertThat(held.believedUntilNanos())
          .isGreaterThanOrEqualTo(
              before + ttl.toNanos() - NODE_TIMEOUT.toNanos() * 5 - 1_000_000_000L)
          .isLessThanOrEqualTo(after + ttl.toNanos());
      // Never released: the other client gets it once the lease time has run out.
      HeldLease next = second.acquire(resource, WAIT);
      assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(ttl.toNanos() - 50_000_000L);
      next.release();
    }
  }

  @Test
  void theFencedTokenGrowsFromOneHolderToTheNext() {
    String resource = resource();
    try (LockClient first = client(Kind.FENCED, 0, TTL);
        LockClient second = client(Kind.FENCED, 1, TTL)) {
      HeldLease one = first.acquire(resource, WAIT);
      long token = one.token();
      one.release();
      HeldLease two = second.acquire(resource, WAIT);
      HeldLease three;
      two.release();
      three = first.acquire(resource, WAIT);

      assertThat(two.token()).isGreaterThan(token);
      assertThat(three.token()).isGreaterThan(two.token());
      three.release();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"RLOCK", "RLOCK_WATCHDOG", "REDLOCK", "RLOCK_SENTINEL"})
  void onlyTheFencedLockGivesAToken(Kind kind) {
    try (LockClient lock = client(kind, 0, TTL)) {
      HeldLease held = lock.acquire(resource(), WAIT);
      assertThat(held.token()).isNull();
      held.release();
    }
  }

  @Test
  void theWatchdogKeepsTheLockPastManyTtlsUntilUnlock() throws InterruptedException {
    Duration ttl = Duration.ofMillis(600);
    String resource = resource();
    try (LockClient first = client(Kind.RLOCK_WATCHDOG, 0, ttl);
        LockClient second = client(Kind.RLOCK_WATCHDOG, 1, ttl)) {
      HeldLease held = first.acquire(resource, WAIT);
      assertThat(held.believedUntilNanos()).isEqualTo(HeldLease.UNTIL_RELEASE);

      Thread.sleep(ttl.multipliedBy(3).toMillis());

      long pttl = nodes.node(0).withDirect(jedis -> jedis.pttl(resource));
      assertThat(pttl).isPositive().isLessThanOrEqualTo(ttl.toMillis());
      assertThatThrownBy(() -> second.acquire(resource, SHORT_WAIT))
          .isInstanceOf(LockRefusedException.class);
      assertThat(held.release()).isEqualTo("unlocked");
      second.acquire(resource, WAIT).release();
    }
  }
}
