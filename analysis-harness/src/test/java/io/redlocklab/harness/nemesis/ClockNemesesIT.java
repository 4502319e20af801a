package io.redlocklab.harness.nemesis;

import static io.redlocklab.harness.nemesis.NemesisHarness.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.harness.cluster.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Server clock faults through the LD_PRELOAD shim on real redis-servers, checked with TIME and
 * PTTL.
 */
class ClockNemesesIT {

  @RegisterExtension
  static final NemesisCluster lab =
      new NemesisCluster(Topology.builder().masters(2).clients(1).serverClocks(true).build());

  /** Server TIME minus host wall clock, in ms. */
  private static long offsetMillis(int node) {
    return Probes.serverTimeMicros(lab.cluster().directNode(node)) / 1000
        - System.currentTimeMillis();
  }

  @Test
  void aForwardJumpMovesTimeAndShortensEveryKeysTtl() {
    try (Jedis n0 = open(lab.cluster().directNode(0))) {
      n0.set("lease", "x", SetParams.setParams().px(20_000));
      long pttlBefore = n0.pttl("lease");
      long offsetBefore = offsetMillis(0);
      Nemesis jump =
          lab.harness().nemesis("clock-jump", 1_000, Map.of("nodes", List.of(0), "jump_ms", 5_000));

      jump.start();
      try {
        assertThat(offsetMillis(0) - offsetBefore).as("TIME moved").isBetween(4_950L, 5_050L);
        assertThat(pttlBefore - n0.pttl("lease")).as("PTTL shrank").isBetween(4_950L, 5_200L);
        assertThat(Math.abs(offsetMillis(1))).as("node 1 untouched").isLessThan(50L);
      } finally {
        jump.stop();
      }
      assertThat(Math.abs(offsetMillis(0))).as("back on real time").isLessThan(50L);
    }
    lab.harness().assertStartVerifiedStop("clock-jump");
    assertThat(lab.harness().details("clock-jump").get(1))
        .containsPattern("TIME moved by n0 \\+(49|50)\\d\\d ms");
  }

  @Test
  void aJumpPastTheTtlExpiresTheKey() {
    try (Jedis n1 = open(lab.cluster().directNode(1))) {
      n1.set("short-lease", "x", SetParams.setParams().px(2_000));
      Nemesis jump =
          lab.harness().nemesis("clock-jump", 1_000, Map.of("nodes", List.of(1), "jump_ms", 3_000));
      jump.start();
      try {
        assertThat(n1.get("short-lease")).as("expired by the jump").isNull();
      } finally {
        jump.stop();
      }
    }
  }

  @Test
  void aBackwardJumpLengthensTheTtl() {
    try (Jedis n0 = open(lab.cluster().directNode(0))) {
      n0.set("long-lease", "x", SetParams.setParams().px(10_000));
      long pttlBefore = n0.pttl("long-lease");
      Nemesis jump =
          lab.harness()
              .nemesis("clock-jump", 1_000, Map.of("nodes", List.of(0), "jump_ms", -2_000));
      jump.start();
      try {
        assertThat(n0.pttl("long-lease") - pttlBefore).isBetween(1_900L, 2_050L);
      } finally {
        jump.stop();
      }
    }
  }

  @Test
  void aDriftingClockRunsDownTtlsRTimesAsFast() throws InterruptedException {
    try (Jedis n0 = open(lab.cluster().directNode(0))) {
      n0.set("drifting-lease", "x", SetParams.setParams().px(30_000));
      Nemesis drift =
          lab.harness().nemesis("clock-drift", 2_000, Map.of("nodes", List.of(0), "rate", 3.0));
      drift.start();
      try {
        long realStart = System.nanoTime();
        long pttlStart = n0.pttl("drifting-lease");
        Thread.sleep(300);
        long pttlEnd = n0.pttl("drifting-lease");
        double real = (System.nanoTime() - realStart) / 1e6;
        assertThat((pttlStart - pttlEnd) / real).as("PTTL falls at rate").isBetween(2.8, 3.2);
      } finally {
        drift.stop();
      }
      assertThat(Math.abs(offsetMillis(0))).as("back on real time").isLessThan(50L);
    }
    assertThat(lab.harness().details("clock-drift").get(1))
        .containsPattern("TIME runs at rate n0 (2\\.9|3\\.0)");
  }

  @Test
  void overlappingClockFaultsEachUndoTheirOwnPart() throws InterruptedException {
    Nemesis drift =
        lab.harness().nemesis("clock-drift", 2_000, Map.of("nodes", List.of(1), "rate", 2.0));
    Nemesis jump =
        lab.harness().nemesis("clock-jump", 2_000, Map.of("nodes", List.of(1), "jump_ms", 1_000));
    drift.start();
    jump.start();
    Thread.sleep(100);

    drift.stop();
    assertThat(offsetMillis(1)).as("the jump remains").isBetween(950L, 1_050L);
    jump.stop();
    assertThat(Math.abs(offsetMillis(1))).as("back on real time").isLessThan(50L);
  }
}
