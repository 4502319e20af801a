package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.WithRedisNodes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithRedisNodes(count = 5)
class WatchdogIT {

  private static final Duration TTL = Duration.ofMillis(900);

  private Cluster cluster;

  @BeforeEach
  void connect(RedisNodes nodes) {
    this.cluster = new Cluster(nodes);
  }

  @Test
  void keepsAHeldLeaseAlivePastItsTtl() throws Exception {
    try (Redlock client = Redlock.create(cluster.watchedConfig(TTL).build())) {
      Lease lease = client.acquire("watched", Duration.ZERO);
      Thread.sleep(TTL.toMillis() * 3);

      assertThat(lease.isValid()).isTrue();
      assertThat(cluster.holders("watched")).hasSize(5);
      assertThat(cluster.valueOn(0, "watched")).isEqualTo(lease.value());
      lease.release();
      Thread.sleep(TTL.toMillis());
      assertThat(cluster.holders("watched")).as("no renewal after release").isEmpty();
    }
  }

  @Test
  void signalsTheLossBeforeTheValidityRunsOutWhenAMajorityIsCutOff() throws Exception {
    CompletableFuture<Long> lostAt = new CompletableFuture<>();
    RedlockListener listener =
        new RedlockListener() {
          @Override
          public void leaseLost(Lease lease, LeaseExpiredException reason) {
            lostAt.complete(System.nanoTime());
          }
        };
    try (Redlock client = Redlock.create(cluster.watchedConfig(TTL).listener(listener).build())) {
      Lease lease = client.acquire("cut-off", Duration.ZERO);
      Thread.sleep(TTL.toMillis() / 2);
      cluster.cut(0, 1, 2);

      LeaseExpiredException reason =
          lease.whenLost().toCompletableFuture().get(5, TimeUnit.SECONDS);
      long signalled = lostAt.get(1, TimeUnit.SECONDS);

      assertThat(reason).isNotNull();
      assertThat(signalled)
          .as("lost signal before the last granted validity ended")
          .isLessThan(lease.validUntilNanos());
      assertThat(lease.isValid()).isFalse();
    }
  }

  @Test
  void aRenewalHeldUpAfterItsSendPastTheTtlLosesTheLease() throws Exception {
    AtomicInteger sent = new AtomicInteger();
    RedlockListener listener =
        new RedlockListener() {
          @Override
          public void renewalSent() {
            if (sent.incrementAndGet() == 1) {
              sleepQuietly(TTL.toMillis() + 300); // the nodes already applied it; its OK comes late
            }
          }
        };
    try (Redlock client = Redlock.create(cluster.watchedConfig(TTL).listener(listener).build())) {
      Lease lease = client.acquire("held-up", Duration.ZERO);

      LeaseExpiredException reason =
          lease.whenLost().toCompletableFuture().get(5, TimeUnit.SECONDS);

      assertThat(sent.get()).isGreaterThanOrEqualTo(1);
      assertThat(reason).hasMessageContaining("renewal reached");
      assertThat(lease.isValid()).isFalse();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
