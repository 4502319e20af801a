package io.redlocklab.harness.lockclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.lockclient.zookeeper.ZooKeeperLockClient;
import io.redlocklab.testkit.RequireServers;
import io.redlocklab.testkit.ZooKeeperEnsemble;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Curator client on a real 3-node ensemble: exclusion, release, growing czxid tokens, loss. */
class ZooKeeperLockClientIT {

  private static final Duration TTL = Duration.ofMillis(2000);
  private static ZooKeeperEnsemble ensemble;

  @BeforeAll
  static void start() {
    RequireServers.zooKeeper();
    ensemble = ZooKeeperEnsemble.start();
  }

  @AfterAll
  static void stop() {
    if (ensemble != null) {
      ensemble.close();
    }
  }

  private static List<Endpoint> servers() {
    return Arrays.stream(ensemble.connectString().split(","))
        .map(s -> new Endpoint(s.split(":")[0], Integer.parseInt(s.split(":")[1])))
        .toList();
  }

  @Test
  void excludesReleasesAndTokensGrow() {
    try (LockClient a =
            ZooKeeperLockClient.factory(true)
                .create(Contexts.of(0, servers(), TTL, LeaseEvents.NONE));
        LockClient b =
            ZooKeeperLockClient.factory(true)
                .create(Contexts.of(1, servers(), TTL, LeaseEvents.NONE))) {
      HeldLease first = a.acquire("contract", Duration.ofSeconds(5));
      assertThat(first.token()).isPositive();
      assertThat(first.believedUntilNanos()).isEqualTo(HeldLease.UNTIL_RELEASE);
      assertThatThrownBy(() -> b.acquire("contract", Duration.ofMillis(300)))
          .isInstanceOf(LockRefusedException.class)
          .hasMessageStartingWith("LockTimeout");
      assertThat(first.release()).startsWith("deleted ");
      HeldLease second = b.acquire("contract", Duration.ofSeconds(5));
      assertThat(second.token()).isGreaterThan(first.token());
      assertThat(second.value()).isNotEqualTo(first.value());
      second.release();
      HeldLease third = a.acquire("contract", Duration.ofSeconds(5));
      assertThat(third.token()).isGreaterThan(second.token());
      third.release();
    }
  }

  @Test
  void aHolderCutFromEveryServerIsToldItLostTheLockAndTheOtherGetsIt() throws Exception {
    Contexts.Losses losses = new Contexts.Losses();
    // a goes through the ensemble's client proxies; b straight to the servers' own ports.
    List<Endpoint> direct =
        List.of(0, 1, 2).stream()
            .map(i -> new Endpoint(ZooKeeperEnsemble.HOST, ensemble.directClientPort(i)))
            .toList();
    try (LockClient a =
            ZooKeeperLockClient.factory(true).create(Contexts.of(0, servers(), TTL, losses));
        LockClient b =
            ZooKeeperLockClient.factory(true)
                .create(Contexts.of(1, direct, TTL, LeaseEvents.NONE))) {
      HeldLease held = a.acquire("cut", Duration.ofSeconds(5));
      for (int i = 0; i < ZooKeeperEnsemble.SIZE; i++) {
        ensemble.clientProxy(i).disable();
      }
      try {
        long deadline = System.nanoTime() + TTL.multipliedBy(2).toNanos();
        while (!held.lost() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(held.lost()).isTrue();
        assertThat(losses.lost).singleElement().asString().contains("SUSPENDED");
        // The session expires after its timeout and its ephemeral node with it.
        HeldLease other = b.acquire("cut", TTL.multipliedBy(3));
        assertThat(other.token()).isGreaterThan(held.token());
        other.release();
      } finally {
        for (int i = 0; i < ZooKeeperEnsemble.SIZE; i++) {
          ensemble.clientProxy(i).enable();
        }
      }
    }
  }
}
