package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redlocklab.core.NodeOutcome.Status;
import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.WithRedisNodes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redlock N = 5 under faults injected through the real Toxiproxy, checked directly on the nodes.
 */
@WithRedisNodes(count = 5)
class RedlockFaultsIT {

  private Cluster cluster;
  private RedisNodes nodes;

  @BeforeEach
  void connect(RedisNodes nodes) {
    this.nodes = nodes;
    this.cluster = new Cluster(nodes);
  }

  private Redlock client(Duration ttl, Duration nodeTimeout) {
    return Redlock.create(cluster.config().ttl(ttl).nodeTimeout(nodeTimeout).build());
  }

  @Test
  void aMajorityUpIsEnough() {
    cluster.cut(3, 4);
    try (Redlock client = client(Duration.ofSeconds(2), Duration.ofMillis(200))) {
      Lease lease = client.acquire("majority-up", Duration.ZERO);

      assertThat(lease.nodeOutcomes().subList(0, 3)).allMatch(NodeOutcome::isOk);
      assertThat(lease.nodeOutcomes().subList(3, 5))
          .extracting(NodeOutcome::status)
          .allMatch(status -> status == Status.ERROR || status == Status.UNKNOWN);
      assertThat(cluster.holders("majority-up")).containsExactly(0, 1, 2);
      lease.release();
    }
  }

  @Test
  void aMajorityDownFailsAndLeavesNoKeyBehind() {
    cluster.cut(2, 3, 4);
    try (Redlock client = client(Duration.ofSeconds(2), Duration.ofMillis(200))) {
      assertThatThrownBy(() -> client.acquire("majority-down", Duration.ZERO))
          .isInstanceOf(QuorumUnreachableException.class)
          .satisfies(
              e ->
                  assertThat(((RedlockException) e).nodeOutcomes())
                      .extracting(NodeOutcome::status)
                      .doesNotContain(Status.TAKEN, Status.TIMEOUT)
                      .filteredOn(status -> status == Status.ERROR)
                      .hasSize(3));
      assertThat(cluster.holders("majority-down")).isEmpty();
    }
  }

  @Test
  void aLostReplyCountsAsFailedThereAndTheKeyIsReleasedAnyway() throws Exception {
    var lostReply =
        nodes.node(0).proxy().toxics().timeout("lost-reply", ToxicDirection.DOWNSTREAM, 0);
    cluster.cut(3, 4);
    long setsBefore = cluster.commandCalls(0, "set");
    try (Redlock client = client(Duration.ofSeconds(3), Duration.ofMillis(300))) {
      assertThatThrownBy(() -> client.acquire("lost-reply", Duration.ZERO))
          .isInstanceOf(QuorumUnreachableException.class)
          .satisfies(
              e ->
                  assertThat(((RedlockException) e).nodeOutcomes().get(0).status())
                      .isEqualTo(Status.TIMEOUT));
    }
    assertThat(cluster.commandCalls(0, "set"))
        .as("the SET landed on node 0")
        .isEqualTo(setsBefore + 1);
    lostReply.remove();
    assertThat(cluster.holders("lost-reply")).isEmpty();
  }

  @Test
  void latencyOnEveryNodeIsChargedToValidity() throws Exception {
    Duration ttl = Duration.ofSeconds(2);
    try (Redlock client = client(ttl, Duration.ofMillis(1000))) {
      client.acquire("validity-warm-up", Duration.ZERO).release();
      Lease quick = client.acquire("validity-quick", Duration.ZERO);
      Duration quickValidity = quick.remainingValidity();
      quick.release();

      for (int i = 0; i < 5; i++) {
        nodes.node(i).proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 150);
      }
      Lease slow = client.acquire("validity-slow", Duration.ZERO);
      Duration slowValidity = slow.remainingValidity();

      Duration drift = Duration.ofMillis(2000 / 100 + 2);
      assertThat(quickValidity).isGreaterThan(ttl.minus(drift).minusMillis(50));
      assertThat(slowValidity).isLessThanOrEqualTo(ttl.minus(drift).minusMillis(150));
      slow.release();
    }
  }

  @Test
  void latencyBeyondTheValidityBudgetFailsTheAcquire() throws Exception {
    for (int i = 0; i < 5; i++) {
      nodes.node(i).proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 600);
    }
    RedlockConfig.Builder config =
        cluster
            .config()
            .ttl(Duration.ofMillis(1000))
            .nodeTimeout(Duration.ofMillis(900))
            .minValidity(Duration.ofMillis(500));
    try (Redlock client = Redlock.create(config.build())) {
      assertThatThrownBy(() -> client.acquire("validity-gone", Duration.ZERO))
          .isInstanceOf(LeaseExpiredException.class)
          .hasMessageContaining("not above the minimum");
    }
    for (int i = 0; i < 5; i++) {
      nodes.node(i).proxy().toxics().get("slow").remove();
      nodes.node(i).proxy().toxics().latency("slower", ToxicDirection.DOWNSTREAM, 1200);
    }
    try (Redlock client = client(Duration.ofMillis(1000), Duration.ofMillis(900))) {
      assertThatThrownBy(() -> client.acquire("validity-gone", Duration.ZERO))
          .isInstanceOf(RedlockException.class);
    }
    for (int i = 0; i < 5; i++) {
      nodes.node(i).proxy().toxics().get("slower").remove();
    }
    assertThat(cluster.holders("validity-gone")).isEmpty();
  }

  @Test
  void theFanOutIsConcurrent() throws Exception {
    for (int i = 0; i < 5; i++) {
      nodes.node(i).proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
    }
    try (Redlock client = client(Duration.ofSeconds(5), Duration.ofMillis(1000))) {
      client.acquire("warm-up", Duration.ZERO).release();
      long start = System.nanoTime();
      Lease lease = client.acquire("fan-out", Duration.ZERO);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(millis).as("5 nodes x 100 ms sequentially would take 500 ms").isLessThan(300);
      lease.release();
    }
  }

  @Test
  void releaseAndExtendWorkOnARestartedNodeWithAnEmptyScriptCache() {
    try (Redlock client = client(Duration.ofSeconds(10), Duration.ofMillis(300))) {
      Lease lease = client.acquire("restart", Duration.ZERO);
      lease.extend(Duration.ofSeconds(10));
      nodes.node(0).server().restart();
      boolean cached = cluster.direct(0, jedis -> jedis.scriptExists(LuaScript.EXTEND.sha1()));
      assertThat(cached).isFalse();
      // The restarted node lost its data (no persistence); put the lease back as if it had kept it.
      cluster.direct(0, jedis -> jedis.psetex("redlock:restart", 10_000, lease.value()));

      assertThat(lease.extend(Duration.ofSeconds(20))).isGreaterThan(Duration.ofSeconds(19));
      Cluster.eventually(() -> assertThat(cluster.pttl(0, "restart")).isGreaterThan(19_000L));
      assertThat(cluster.commandCalls(0, "eval"))
          .as("NOSCRIPT made the client resend the source")
          .isEqualTo(1);
      nodes.node(1).server().restart();
      cluster.direct(1, jedis -> jedis.psetex("redlock:restart", 10_000, lease.value()));

      assertThat(lease.release()).isEqualTo(5);
      assertThat(cluster.holders("restart")).isEmpty();
    }
  }

  @Test
  void retryingIsBoundedByTheWaitTime() {
    try (Redlock holder = client(Duration.ofSeconds(5), Duration.ofMillis(200));
        Redlock waiter = client(Duration.ofSeconds(5), Duration.ofMillis(200))) {
      Lease lease = holder.acquire("bounded", Duration.ZERO);
      long start = System.nanoTime();
      assertThatThrownBy(() -> waiter.acquire("bounded", Duration.ofMillis(600)))
          .isInstanceOf(LockTakenException.class);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(millis).isBetween(550L, 600L + 2 * 200 + 150);
      lease.release();
      assertThat(waiter.acquire("bounded", Duration.ofMillis(600)).release()).isEqualTo(5);
    }
  }

  @Test
  void anInterruptedAcquireStopsWaitingAndReleasesWhatItTook() throws Exception {
    for (int i = 0; i < 5; i++) {
      nodes.node(i).proxy().toxics().latency("slow-replies", ToxicDirection.DOWNSTREAM, 500);
    }
    try (Redlock client = client(Duration.ofSeconds(5), Duration.ofMillis(1500))) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicReference<Boolean> flagSet = new AtomicReference<>();
      Thread acquirer =
          new Thread(
              () -> {
                try {
                  client.acquire("interrupted", Duration.ofSeconds(30));
                } catch (Throwable e) {
                  failure.set(e);
                  flagSet.set(Thread.currentThread().isInterrupted());
                }
              });
      acquirer.start();
      Thread.sleep(150);
      acquirer.interrupt();
      acquirer.join(TimeUnit.SECONDS.toMillis(10));

      assertThat(acquirer.isAlive()).isFalse();
      assertThat(failure.get()).isInstanceOf(AcquireInterruptedException.class);
      assertThat(flagSet.get()).isTrue();
      assertThat(cluster.holders("interrupted")).isEmpty();
    }
  }

  @Test
  void anInterruptedRetryWaitStopsPromptly() throws Exception {
    try (Redlock holder = client(Duration.ofSeconds(10), Duration.ofMillis(200));
        Redlock waiter = client(Duration.ofSeconds(10), Duration.ofMillis(200))) {
      Lease lease = holder.acquire("interrupt-wait", Duration.ZERO);
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread acquirer =
          new Thread(
              () -> {
                try {
                  waiter.acquire("interrupt-wait", Duration.ofSeconds(30));
                  outcome.complete(null);
                } catch (Throwable e) {
                  outcome.complete(e);
                }
              });
      acquirer.start();
      Thread.sleep(300);
      long interruptedAt = System.nanoTime();
      acquirer.interrupt();

      assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(AcquireInterruptedException.class);
      assertThat((System.nanoTime() - interruptedAt) / 1_000_000).isLessThan(1000);
      lease.release();
    }
  }
}
