package io.redlocklab.harness.workload;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.scenario.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client process runs: the same workload client as a thread would, over its own proxies.
 *
 * @param client the workload index
 * @param mode the lock mode id; the child builds its lock client from it
 * @param servers its way to each lock server, or to the sentinels
 * @param sentinelMaster the master's name under Sentinel, else null
 * @param addressMap under Sentinel, where it reaches what the sentinels report; else empty
 * @param resource its way to the protected resource (with {@code resourcePassword}, or null)
 * @param endNanos the workload's end on the shared monotonic clock
 * @param clockRate the client clock's rate at the start
 */
record ChildConfig(
    int client,
    String mode,
    List<Endpoint> servers,
    String sentinelMaster,
    Map<String, String> addressMap,
    Endpoint resource,
    String resourcePassword,
    WorkloadSpec workload,
    long endNanos,
    double clockRate) {

  static ChildConfig of(
      int client,
      String mode,
      List<Endpoint> servers,
      Optional<String> sentinelMaster,
      Map<String, String> addressMap,
      RedisNode resource,
      Workload workload,
      long endNanos,
      double clockRate) {
    return new ChildConfig(
        client,
        mode,
        servers,
        sentinelMaster.orElse(null),
        addressMap,
        new Endpoint(resource.host(), resource.port()),
        resource.password(),
        WorkloadSpec.of(workload),
        endNanos,
        clockRate);
  }

  RedisNode resourceNode() {
    return new RedisNode(resource.host(), resource.port(), resourcePassword);
  }

  /** {@link Workload} in plain JSON values (durations in ms). */
  record WorkloadSpec(
      int clients,
      long ttlMs,
      long workMs,
      long durationMs,
      long cycles,
      long seed,
      boolean respectValidity,
      long nodeTimeoutMs,
      long acquireWaitMs,
      boolean watchdog,
      String resource,
      long thinkMs) {

    static WorkloadSpec of(Workload w) {
      return new WorkloadSpec(
          w.clients(),
          w.ttl().toMillis(),
          w.work().toMillis(),
          w.duration().toMillis(),
          w.cycles(),
          w.seed(),
          w.respectValidity(),
          w.nodeTimeout().toMillis(),
          w.acquireWait().toMillis(),
          w.watchdog(),
          w.resource(),
          w.think().toMillis());
    }

    Workload workload() {
      return new Workload(
          clients,
          Duration.ofMillis(ttlMs),
          Duration.ofMillis(workMs),
          Duration.ofMillis(durationMs),
          cycles,
          seed,
          respectValidity,
          Duration.ofMillis(nodeTimeoutMs),
          Duration.ofMillis(acquireWaitMs),
          watchdog,
          resource,
          Duration.ofMillis(thinkMs),
          true);
    }
  }
}
