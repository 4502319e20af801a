package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.Lease;
import io.redlocklab.core.Redlock;
import io.redlocklab.core.RedlockConfig;
import io.redlocklab.core.RedlockListener;
import io.redlocklab.harness.cluster.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client-side faults seen through a real Redlock client on 3 real nodes; and a timeline's close.
 */
class ClientNemesesIT {

  @RegisterExtension
  static final NemesisCluster lab =
      new NemesisCluster(Topology.builder().masters(3).clients(1).build());

  private Redlock redlock(RedlockListener listener) {
    return Redlock.create(
        RedlockConfig.builder()
            .nodes(lab.cluster().lockNodes(0))
            .ttl(Duration.ofSeconds(10))
            .clock(lab.harness().clientClocks.get(0))
            .listener(listener)
            .build());
  }

  @Test
  void aFastClientClockMeasuresRTimesTheRealElapsedTime() throws InterruptedException {
    Nemesis drift =
        lab.harness().nemesis("client-clock", 5_000, Map.of("clients", List.of(0), "rate", 2.0));
    try (Redlock redlock = redlock(RedlockListener.NONE)) {
      drift.start();
      try (Lease lease = redlock.acquire("drift", Duration.ofSeconds(1))) {
        long realStart = System.nanoTime();
        Duration before = lease.remainingValidity();
        Thread.sleep(300);
        Duration after = lease.remainingValidity();
        double real = (System.nanoTime() - realStart) / 1e6;

        double measured = before.minus(after).toNanos() / 1e6;
        assertThat(measured / real).as("client-measured / real elapsed").isBetween(1.9, 2.1);
      } finally {
        drift.stop();
      }
      try (Lease lease = redlock.acquire("drift-healed", Duration.ofSeconds(1))) {
        long realStart = System.nanoTime();
        Duration before = lease.remainingValidity();
        Thread.sleep(200);
        Duration after = lease.remainingValidity();
        double real = (System.nanoTime() - realStart) / 1e6;
        double measured = before.minus(after).toNanos() / 1e6;
        assertThat(measured / real).as("back at rate 1").isBetween(0.9, 1.1);
      }
    }
    lab.harness().assertStartVerifiedStop("client-clock");
    assertThat(lab.harness().details("client-clock").get(1)).contains("client 0 ×2.0");
  }

  @Test
  void aPauseDuringAcquireHoldsTheThreadAndIsChargedToTheLease() {
    Nemesis pause =
        lab.harness()
            .nemesis("client-pause", 5_000, Map.of("point", "during-acquire", "pause_ms", 400));
    RedlockListener pausing =
        new RedlockListener() {
          @Override
          public void requestsSent(String resource) {
            lab.harness().pauses.checkpoint(0, PausePoint.DURING_ACQUIRE);
          }
        };
    try (Redlock redlock = redlock(pausing)) {
      pause.start();
      try {
        long start = System.nanoTime();
        try (Lease lease = redlock.acquire("paused", Duration.ofSeconds(2))) {
          assertThat((System.nanoTime() - start) / 1e6)
              .as("ms to acquire")
              .isGreaterThanOrEqualTo(400.0);
          assertThat(lease.remainingValidity()).isLessThan(Duration.ofMillis(10_000 - 400));
        }
        long second = System.nanoTime();
        try (Lease ignored = redlock.acquire("paused-again", Duration.ofSeconds(2))) {
          assertThat((System.nanoTime() - second) / 1e6).as("once per window").isLessThan(200.0);
        }
      } finally {
        pause.stop();
      }
    }
    List<String> details = lab.harness().details("client-pause");
    assertThat(details).anyMatch(d -> d.equals("client 0 paused at during-acquire for 400 ms"));
    assertThat(details).anyMatch(d -> d.startsWith("client 0 resumed at during-acquire after 4"));
    assertThat(details.get(details.size() - 1)).isEqualTo("stop: 1 of 1 client(s) paused");
  }

  @Test
  void aPauseAfterAcquireEatsIntoTheLeaseBeforeItIsUsed() throws InterruptedException {
    Nemesis pause =
        lab.harness()
            .nemesis(
                "client-pause",
                5_000,
                Map.of("clients", List.of(0), "point", "after-acquire", "pause_ms", 300));
    try (Redlock redlock = redlock(RedlockListener.NONE)) {
      pause.start();
      try (Lease lease = redlock.acquire("gc", Duration.ofSeconds(1))) {
        Duration granted = lease.remainingValidity();
        lab.harness().pauses.checkpoint(0, PausePoint.AFTER_ACQUIRE);
        Duration atFirstUse = lease.remainingValidity();
        assertThat(granted.minus(atFirstUse)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      } finally {
        pause.stop();
      }
    }
    assertThat(lab.harness().details("client-pause"))
        .anyMatch(d -> d.startsWith("client 0 resumed at after-acquire"));
  }

  @Test
  void closingATimelineHealsWhatIsStillActive() throws InterruptedException {
    double baseline = NemesisHarness.rttMillis(lab.cluster().lockNodes(0).get(2));
    Fault longLatency =
        Fault.of(FaultType.LATENCY, 0, 50_000, Map.of("nodes", List.of(2), "latency_ms", 200));
    Fault pauseLater =
        Fault.of(
            FaultType.CLIENT_PAUSE,
            40_000,
            1_000,
            Map.of("point", "before-release", "pause_ms", 100));
    Timeline timeline =
        lab.harness().factory.timeline(List.of(longLatency, pauseLater), lab.harness().context);
    timeline.start(lab.harness().clock.nanoTime());
    while (lab.harness().details("latency").stream().noneMatch(d -> d.startsWith("verified"))) {
      Thread.sleep(10);
    }

    timeline.close();

    assertThat(NemesisHarness.rttMillis(lab.cluster().lockNodes(0).get(2)) - baseline)
        .isLessThan(50.0);
    lab.harness().assertStartVerifiedStop("latency");
    assertThat(lab.harness().details("client-pause")).as("never reached").isEmpty();
    assertThat(timeline.failures()).isEmpty();
  }
}
