package io.redlocklab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class RedisNodesExtensionIT {

  @BeforeEach
  void requireServers() {
    RedisNodesExtension.requireServers();
  }

  @BeforeEach
  void clearPids() {
    ExtensionFixtures.PIDS.clear();
  }

  @Test
  void resetsBeforeEachTestAndClosesAfterAllEvenWhenATestFails() {
    Events tests = run(ExtensionFixtures.DirtiesThenFails.class);

    tests.assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    assertThat(ExtensionFixtures.PIDS).hasSize(3);
    ExtensionFixtures.PIDS.forEach(
        pid -> assertThat(Path.of("/proc/" + pid)).as("pid %d", pid).doesNotExist());
  }

  @Test
  void nestedClassesShareTheOuterNodes() {
    Events tests = run(ExtensionFixtures.Outer.class);

    tests.assertStatistics(stats -> stats.started(2).succeeded(2));
    ExtensionFixtures.PIDS.forEach(
        pid -> assertThat(Path.of("/proc/" + pid)).as("pid %d", pid).doesNotExist());
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .execute()
        .testEvents();
  }
}
