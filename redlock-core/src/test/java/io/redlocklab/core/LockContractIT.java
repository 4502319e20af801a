package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redlocklab.testkit.RedisNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every lock variant must keep (Curator's one-base-class pattern): each subclass names
 * a node count and a fencing mode and runs these tests against real servers.
 */
abstract class LockContractIT {

  private static final Duration TTL = Duration.ofMillis(1500);

  protected Cluster cluster;

  /** Variant-specific settings on top of the cluster's nodes. */
  abstract RedlockConfig.Builder variant(RedlockConfig.Builder builder);

  @BeforeEach
  void connect(RedisNodes nodes) {
    cluster = new Cluster(nodes);
  }

  Redlock newClient() {
    return Redlock.create(
        variant(cluster.config()).ttl(TTL).nodeTimeout(Duration.ofMillis(200)).build());
  }

  @Test
  void acquireWritesTheLeaseValueOnEveryNodeAndReleaseRemovesIt() {
    try (Redlock client = newClient()) {
      Lease lease = client.acquire("contract", Duration.ZERO);

      assertThat(lease.remainingValidity()).isPositive().isLessThanOrEqualTo(TTL);
      assertThat(lease.value()).hasSize(32);
      Cluster.eventually(() -> assertThat(cluster.holders("contract")).hasSize(cluster.size()));
      assertThat(cluster.valueOn(0, "contract")).isEqualTo(lease.value());

      assertThat(lease.release()).isEqualTo(cluster.size());
      assertThat(cluster.holders("contract")).isEmpty();
    }
  }

  @Test
  void twoClientsContendAndExactlyOneWins() throws Exception {
    try (Redlock first = newClient();
        Redlock second = newClient()) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 20; round++) {
          String resource = "contended-" + round;
          CyclicBarrier start = new CyclicBarrier(2);
          Callable<Optional<Lease>> firstTry =
              () -> {
                start.await();
                return first.tryAcquire(resource);
              };
          Callable<Optional<Lease>> secondTry =
              () -> {
                start.await();
                return second.tryAcquire(resource);
              };
          Future<Optional<Lease>> a = pool.submit(firstTry);
          Future<Optional<Lease>> b = pool.submit(secondTry);
          Optional<Lease> leaseA = a.get(5, TimeUnit.SECONDS);
          Optional<Lease> leaseB = b.get(5, TimeUnit.SECONDS);

          // Every node grants its key to exactly one of the two; with N odd one of them has a
          // majority.
          assertThat(leaseA.isPresent() ^ leaseB.isPresent())
              .as("round %d: exactly one wins", round)
              .isTrue();
          leaseA.ifPresent(Lease::release);
          leaseB.ifPresent(Lease::release);
        }
        Optional<Lease> alone = first.tryAcquire("contended-alone");
        assertThat(alone).isPresent();
        assertThat(second.tryAcquire("contended-alone")).isEmpty();
        alone.get().release();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void releaseIsIdempotentAndHarmlessAfterExpiry() throws Exception {
    try (Redlock client = newClient();
        Redlock other = newClient()) {
      Lease lease = client.acquire("release-twice", Duration.ZERO);
      assertThat(lease.release()).isEqualTo(cluster.size());
      assertThat(lease.release()).isZero();
      lease.close();

      Lease expiring = client.acquire("release-late", Duration.ZERO);
      Thread.sleep(TTL.toMillis() + 100);
      assertThat(expiring.remainingValidity()).isZero();
      Lease successor = other.acquire("release-late", Duration.ZERO);

      Cluster.eventually(() -> assertThat(cluster.holders("release-late")).hasSize(cluster.size()));
      assertThat(expiring.release()).as("an expired lease deletes nothing").isZero();
      assertThat(cluster.holders("release-late")).hasSize(cluster.size());
      assertThat(cluster.valueOn(0, "release-late")).isEqualTo(successor.value());
      successor.release();
    }
  }

  @Test
  void extendResetsTheTtlWhileHeldAndNeverRevivesAnExpiredLease() throws Exception {
    try (Redlock client = newClient();
        Redlock other = newClient()) {
      Lease lease = client.acquire("extend", Duration.ZERO);
      Thread.sleep(500);
      Duration before = lease.remainingValidity();
      Duration after = lease.extend(Duration.ofSeconds(5));

      assertThat(after).isGreaterThan(before).isGreaterThan(Duration.ofMillis(4500));
      Cluster.eventually(() -> assertThat(cluster.pttl(0, "extend")).isGreaterThan(4000L));
      lease.release();

      Lease expired = client.acquire("extend-late", Duration.ZERO);
      Thread.sleep(TTL.toMillis() + 100);
      assertThatThrownBy(() -> expired.extend(Duration.ofSeconds(5)))
          .isInstanceOf(LeaseExpiredException.class);
      assertThat(cluster.holders("extend-late")).isEmpty();

      Lease foreign = other.acquire("extend-late", Duration.ZERO);
      Cluster.eventually(
          () -> assertThat(cluster.valueOn(0, "extend-late")).isEqualTo(foreign.value()));
      long ttlBefore = cluster.pttl(0, "extend-late");
      assertThatThrownBy(() -> expired.extend(Duration.ofSeconds(30)))
          .isInstanceOf(LeaseExpiredException.class);
      assertThat(cluster.pttl(0, "extend-late")).isLessThanOrEqualTo(ttlBefore);
      assertThat(cluster.valueOn(0, "extend-late")).isEqualTo(foreign.value());
      foreign.release();
    }
  }

  @Test
  void theLeaseIsAutoCloseable() {
    try (Redlock client = newClient()) {
      try (Lease lease = client.acquire("closeable", Duration.ZERO)) {
        Cluster.eventually(() -> assertThat(cluster.holders("closeable")).hasSize(cluster.size()));
      }
      assertThat(cluster.holders("closeable")).isEmpty();
    }
  }

  @Test
  void theLockAdapterExcludesOtherClientsAndChecksTheOwner() throws Exception {
    try (Redlock client = newClient();
        Redlock other = newClient()) {
      Lock lock = client.asLock("adapter");
      Lock rival = other.asLock("adapter");
      lock.lock();
      try {
        assertThat(rival.tryLock()).isFalse();
        assertThat(rival.tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThatThrownBy(lock::lock)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("reentrant");
        ExecutorService stranger = Executors.newSingleThreadExecutor();
        Future<?> foreignUnlock = stranger.submit(lock::unlock);
        assertThatThrownBy(() -> foreignUnlock.get(5, TimeUnit.SECONDS))
            .hasCauseInstanceOf(IllegalMonitorStateException.class);
        stranger.shutdownNow();
      } finally {
        lock.unlock();
      }
      assertThat(rival.tryLock()).isTrue();
      rival.unlock();
      assertThatThrownBy(lock::newCondition).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void asyncVariantsComplete() throws Exception {
    try (Redlock client = newClient()) {
      Lease lease = client.acquireAsync("async", Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
      assertThat(lease.extendAsync(Duration.ofSeconds(3)).get(5, TimeUnit.SECONDS))
          .isGreaterThan(Duration.ofSeconds(2));
      assertThat(lease.releaseAsync().get(5, TimeUnit.SECONDS)).isEqualTo(cluster.size());
      assertThat(cluster.holders("async")).isEmpty();
    }
  }

  @Test
  void leasesHeldAcrossRealWorkNeverOverlap() throws Exception {
    int threads = 6;
    List<long[]> intervals = Collections.synchronizedList(new ArrayList<>());
    try (Redlock shared = newClient();
        Redlock separate = newClient()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Redlock client = t % 2 == 0 ? shared : separate;
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 8; i++) {
                    Lease lease = client.acquire("mutual-exclusion", Duration.ofSeconds(5));
                    long start = System.nanoTime();
                    Thread.sleep(30);
                    long end = Math.min(System.nanoTime(), lease.validUntilNanos());
                    lease.release();
                    intervals.add(new long[] {start, end});
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(120, TimeUnit.SECONDS);
      }
      pool.shutdownNow();
    }
    // As the lab's checker: each holder's interval runs from the granted acquire to the earlier of
    // its release and its validity end; no two may intersect.
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(interval -> interval[0]));
    assertThat(sorted).hasSize(threads * 8);
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i)[0])
          .as("lease %d starts after lease %d ended", i, i - 1)
          .isGreaterThanOrEqualTo(sorted.get(i - 1)[1]);
    }
  }

  @Test
  void theLockAdapterKeepsEachThreadsLeaseApartAndTellsALateUnlocker() throws Exception {
    try (Redlock client = newClient()) {
      Lock lock = client.asLock("per-thread");
      ExecutorService first = Executors.newSingleThreadExecutor();
      ExecutorService second = Executors.newSingleThreadExecutor();
      try {
        first.submit(lock::lock).get(5, TimeUnit.SECONDS);
        Thread.sleep(TTL.toMillis() + 100);
        // The first holder's lease has expired: another thread of the same Lock may take it.
        assertThat(second.submit(() -> lock.tryLock()).get(5, TimeUnit.SECONDS)).isTrue();
        String secondValue = cluster.valueOn(0, "per-thread");

        Future<?> lateUnlock = first.submit(lock::unlock);
        assertThatThrownBy(() -> lateUnlock.get(5, TimeUnit.SECONDS))
            .hasCauseInstanceOf(LeaseExpiredException.class)
            .hasMessageContaining("ended before unlock");
        assertThat(cluster.valueOn(0, "per-thread"))
            .as("the late unlock did not touch the second holder's lease")
            .isEqualTo(secondValue);
        assertThat(cluster.holders("per-thread")).hasSize(cluster.size());

        second.submit(lock::unlock).get(5, TimeUnit.SECONDS);
        assertThat(cluster.holders("per-thread")).isEmpty();
        Future<?> unlockAgain = first.submit(lock::unlock);
        assertThatThrownBy(() -> unlockAgain.get(5, TimeUnit.SECONDS))
            .hasCauseInstanceOf(IllegalMonitorStateException.class);
      } finally {
        first.shutdownNow();
        second.shutdownNow();
      }
    }
  }

  @Test
  void closeLetsAPendingReleaseFinish() throws Exception {
    for (int i = 0; i < cluster.size(); i++) {
      cluster.nodes().node(i).proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 60);
    }
    Redlock client = newClient();
    Lease lease = client.acquire("close-pending", Duration.ZERO);
    CompletableFuture<Integer> release = lease.releaseAsync();
    client.close();

    assertThat(release.get(1, TimeUnit.SECONDS)).isEqualTo(cluster.size());
    assertThat(cluster.holders("close-pending")).isEmpty();
    assertThatThrownBy(() -> client.acquire("close-pending", Duration.ZERO))
        .isInstanceOf(ClientClosedException.class);
  }

  @Test
  void anAcquireOverlappingCloseLeavesNothingBehind() throws Exception {
    for (int i = 0; i < cluster.size(); i++) {
      cluster.nodes().node(i).proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 40);
    }
    Redlock client = newClient();
    CompletableFuture<Lease> acquire = client.acquireAsync("close-racing", Duration.ZERO);
    Thread.sleep(20);
    client.close();

    assertThatThrownBy(() -> acquire.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ClientClosedException.class);
    assertThat(cluster.holders("close-racing")).isEmpty();
  }
}
