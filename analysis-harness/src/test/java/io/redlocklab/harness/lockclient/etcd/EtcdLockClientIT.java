package io.redlocklab.harness.lockclient.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LeaseEvents;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockClientContext;
import io.redlocklab.harness.lockclient.LockRefusedException;
import io.redlocklab.testkit.EtcdCluster;
import io.redlocklab.testkit.RequireServers;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The etcd lock client's contract on a real 3-member etcd cluster, through Toxiproxy. */
class EtcdLockClientIT {

  private static final Duration TTL = Duration.ofSeconds(1);
  private static EtcdCluster cluster;

  @BeforeAll
  static void start() {
    RequireServers.etcd();
    cluster =
        EtcdCluster.start(Map.of("ETCD_HEARTBEAT_INTERVAL", "50", "ETCD_ELECTION_TIMEOUT", "500"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static LockClient client(int index, boolean fenced, LeaseEvents events) {
    List<Endpoint> servers =
        cluster.clientEndpoints().stream()
            .map(URI::create)
            .map(u -> new Endpoint(u.getHost(), u.getPort()))
            .toList();
    return EtcdLockClient.factory(fenced)
        .create(
            new LockClientContext(
                index,
                servers,
                Optional.empty(),
                Map.of(),
                TTL,
                Duration.ofMillis(500),
                false,
                Duration.ofMillis(50),
                index,
                MonotonicClock.system(),
                events));
  }

  @Test
  void aHeldLockExcludesTheOtherClientUntilReleasedAndTheTokenGrows() {
    try (LockClient a = client(0, true, LeaseEvents.NONE);
        LockClient b = client(1, true, LeaseEvents.NONE)) {
      HeldLease first = a.acquire("contract-1", Duration.ofSeconds(2));
      assertThat(first.token()).isPositive();
      // Longer than the TTL: only the keep-alive keeps the lease, and the other client must wait.
      assertThatThrownBy(() -> b.acquire("contract-1", Duration.ofMillis(1500)))
          .isInstanceOf(LockRefusedException.class)
          .hasMessageContaining("LockFailed");
      assertThat(first.lost()).isFalse();
      assertThat(first.release()).isEqualTo("unlocked, lease revoked");
      HeldLease second = b.acquire("contract-1", Duration.ofSeconds(2));
      assertThat(second.token()).isGreaterThan(first.token());
      second.release();
    }
  }

  @Test
  void keepAlivesMoveTheBeliefOnAndTheUnfencedModeGivesNoToken() throws InterruptedException {
    List<Long> extensions = new CopyOnWriteArrayList<>();
    LeaseEvents events =
        new LeaseEvents() {
          @Override
          public void requestsSent() {}

          @Override
          public void extended(String value, Long token, long believedUntilNanos) {
            extensions.add(believedUntilNanos);
          }

          @Override
          public void lost(String value, Long token, String why) {}
        };
    try (LockClient a = client(2, false, events)) {
      HeldLease lease = a.acquire("contract-2", Duration.ofSeconds(2));
      long firstBelief = lease.believedUntilNanos();
      assertThat(lease.token()).isNull();
      assertThat(lease.acquireDetail()).singleElement().asString().contains("ttl 1 s");
      Thread.sleep(1200);
      assertThat(extensions).hasSizeGreaterThanOrEqualTo(2);
      assertThat(lease.believedUntilNanos()).isGreaterThan(firstBelief + 500_000_000L);
      lease.release();
    }
  }

  @Test
  void aClosedHolderWithoutReleaseLetsTheLockGoAfterTheTtl() {
    LockClient a = client(3, true, LeaseEvents.NONE);
    HeldLease abandoned = a.acquire("contract-3", Duration.ofSeconds(2));
    a.close();
    try (LockClient b = client(4, true, LeaseEvents.NONE)) {
      long start = System.nanoTime();
      HeldLease next = b.acquire("contract-3", Duration.ofSeconds(4));
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(waitedMillis).isBetween(300L, 3000L);
      assertThat(next.token()).isGreaterThan(abandoned.token());
      next.release();
    }
  }
}
