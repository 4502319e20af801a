package io.redlocklab.harness.lockclient.redisson;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.lockclient.redisson.RedissonLockClient.Kind;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.mode.LockModes;
import io.redlocklab.harness.nemesis.PausePoint;
import io.redlocklab.harness.scenario.Scenario;
import io.redlocklab.harness.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each Redisson mode declares, and which of the committed scenarios that makes not applicable.
 * Redisson measures no validity on the injected clock (it sets PEXPIRE and renews on its own Netty
 * timer) and sends and waits inside tryLock, so it has no during-acquire hook.
 */
class RedissonTraitsTest {

  private static final List<LockMode> REDISSON =
      List.of(
          LockModes.REDISSON_RLOCK,
          LockModes.REDISSON_RLOCK_WATCHDOG,
          LockModes.REDISSON_REDLOCK_5,
          LockModes.REDISSON_FENCED,
          LockModes.REDISSON_RLOCK_SENTINEL);

  private static Scenario scenario(String file) {
    return ScenarioLoader.loadScenario(Path.of("../scenarios", file));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void noKindKeepsTheInjectedClockOrReportsRequestsSent(Kind kind) {
    LockClientTraits traits = RedissonLockClient.traits(kind);

    assertThat(traits.injectedClock()).isFalse();
    assertThat(traits.pausePoints())
        .containsExactlyInAnyOrder(PausePoint.AFTER_ACQUIRE, PausePoint.BEFORE_RELEASE);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void onlyTheFencedLockIsFencedAndOnlyTheLeaseTimeLessLockRenews(Kind kind) {
    LockClientTraits traits = RedissonLockClient.traits(kind);

    assertThat(traits.fencing()).isEqualTo(kind == Kind.FENCED);
    assertThat(traits.watchdog()).isEqualTo(kind == Kind.RLOCK_WATCHDOG);
  }

  @Test
  void aSlowClientClockCannotActOnAnyRedissonMode() {
    Scenario slowClock = scenario("15-client-clock-slow.yaml");

    for (LockMode mode : REDISSON) {
      assertThat(slowClock.notApplicable(mode))
          .as(mode.id())
          .hasValueSatisfying(why -> assertThat(why).contains("injected clock"));
    }
  }

  @Test
  void aPauseDuringAcquireCannotActOnAnyRedissonMode() {
    Scenario during = scenario("08-pause-during-acquire.yaml");

    for (LockMode mode : REDISSON) {
      assertThat(during.notApplicable(mode))
          .as(mode.id())
          .hasValueSatisfying(why -> assertThat(why).contains("no hook at during-acquire"));
    }
  }

  @Test
  void aPauseAfterAcquireActsOnEveryRedissonMode() {
    Scenario after = scenario("06-gc-pause-after-acquire.yaml");

    for (LockMode mode : REDISSON) {
      assertThat(after.notApplicable(mode)).as(mode.id()).isEmpty();
    }
  }

  @Test
  void aWatchdogWorkloadActsOnlyOnTheWatchdogMode() {
    Scenario watchdog = scenario("23-watchdog-gc-pause-thread.yaml");

    assertThat(watchdog.notApplicable(LockModes.REDISSON_RLOCK_WATCHDOG)).isEmpty();
    for (LockMode mode : REDISSON) {
      if (mode != LockModes.REDISSON_RLOCK_WATCHDOG) {
        assertThat(watchdog.notApplicable(mode))
            .as(mode.id())
            .hasValueSatisfying(why -> assertThat(why).contains("has no watchdog"));
      }
    }
  }

  @Test
  void sentinelFailoverActsOnlyOnTheSentinelModeAndNodeFaultsOnlyOnTheOthers() {
    Scenario failover = scenario("21-sentinel-isolated-lagging-replica.yaml");
    Scenario crash = scenario("12-crash-restart-aof-always.yaml");

    assertThat(failover.notApplicable(LockModes.REDISSON_RLOCK_SENTINEL)).isEmpty();
    assertThat(crash.notApplicable(LockModes.REDISSON_RLOCK_SENTINEL))
        .hasValueSatisfying(why -> assertThat(why).contains("not to a quorum node"));
    for (LockMode mode : REDISSON) {
      if (mode != LockModes.REDISSON_RLOCK_SENTINEL) {
        assertThat(failover.notApplicable(mode))
            .as(mode.id())
            .hasValueSatisfying(why -> assertThat(why).contains("no sentinels"));
        assertThat(crash.notApplicable(mode)).as(mode.id()).isEmpty();
      }
    }
  }

  @Test
  void theSentinelModeRunsUnderSentinelWithAReplica() {
    LockMode sentinel = LockModes.REDISSON_RLOCK_SENTINEL;

    assertThat(sentinel.sentinel()).isTrue();
    assertThat(sentinel.needsReplica()).isTrue();
    assertThat(sentinel.nodes()).isEqualTo(1);
    assertThat(sentinel.group()).isEqualTo(LockMode.Group.REDISSON);
  }
}
