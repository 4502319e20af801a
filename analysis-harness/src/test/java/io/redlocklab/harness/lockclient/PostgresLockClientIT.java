package io.redlocklab.harness.lockclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.lockclient.postgres.PostgresLockClient;
import io.redlocklab.testkit.PostgresServer;
import io.redlocklab.testkit.RequireServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The advisory-lock client on a real postgres: exclusion, release, growing tokens, loss. */
class PostgresLockClientIT {

  private static final Duration TTL = Duration.ofMillis(1000);
  private static PostgresServer server;

  @BeforeAll
  static void start() {
    RequireServers.postgres();
    server = PostgresServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<Endpoint> proxied() {
    return List.of(new Endpoint(PostgresServer.HOST, server.proxyPort()));
  }

  private static List<Endpoint> direct() {
    return List.of(new Endpoint(PostgresServer.HOST, server.port()));
  }

  @Test
  void excludesReleasesAndTokensGrow() {
    try (LockClient a =
            PostgresLockClient.factory(true)
                .create(Contexts.of(0, proxied(), TTL, LeaseEvents.NONE));
        LockClient b =
            PostgresLockClient.factory(true)
                .create(Contexts.of(1, direct(), TTL, LeaseEvents.NONE))) {
      HeldLease first = a.acquire("contract", Duration.ofSeconds(2));
      assertThat(first.token()).isPositive();
      assertThatThrownBy(() -> b.acquire("contract", Duration.ofMillis(200)))
          .isInstanceOf(LockRefusedException.class)
          .hasMessageStartingWith("LockTaken");
      assertThat(first.release()).isEqualTo("pg_advisory_unlock = true");
      HeldLease second = b.acquire("contract", Duration.ofSeconds(2));
      assertThat(second.token()).isGreaterThan(first.token());
      second.release();
      HeldLease third = a.acquire("contract", Duration.ofSeconds(2));
      assertThat(third.token()).isGreaterThan(second.token());
      third.release();
    }
  }

  @Test
  void heartbeatsRenewTheBeliefAndACutSessionIsReportedLostAndFreesTheLock() throws Exception {
    Contexts.Losses losses = new Contexts.Losses();
    try (LockClient a =
            PostgresLockClient.factory(false).create(Contexts.of(0, proxied(), TTL, losses));
        LockClient b =
            PostgresLockClient.factory(false)
                .create(Contexts.of(1, direct(), TTL, LeaseEvents.NONE))) {
      HeldLease held = a.acquire("cut", Duration.ofSeconds(2));
      assertThat(held.token()).isNull();
      long firstBelief = held.believedUntilNanos();
      Thread.sleep(TTL.toMillis());
      assertThat(held.lost()).isFalse();
      assertThat(held.believedUntilNanos()).isGreaterThan(firstBelief);
      // Cutting the proxy closes both ends: the backend ends the session, the heartbeat fails.
      server.proxy().disable();
      try {
        long deadline = System.nanoTime() + TTL.toNanos();
        while (!held.lost() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(held.lost()).isTrue();
        assertThat(losses.lost).singleElement().asString().contains("heartbeat failed");
        HeldLease other = b.acquire("cut", Duration.ofSeconds(2));
        assertThat(held.release()).startsWith("session already ended");
        other.release();
      } finally {
        server.proxy().enable();
      }
    }
  }
}
