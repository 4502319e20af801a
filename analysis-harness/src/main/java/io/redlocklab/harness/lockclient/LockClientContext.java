package io.redlocklab.harness.lockclient;

import io.redlocklab.core.MonotonicClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link LockClientFactory} is given to build the lock client of one workload client.
 *
 * @param client the workload client's index
 * @param servers the lock's servers, in the mode's order, each through this client's own proxy; in
 *     a Sentinel mode the sentinels instead
 * @param sentinelMaster in a Sentinel mode, the name the sentinels know the master by
 * @param addressMap in a Sentinel mode, each {@code host:port} the sentinels report (servers and
 *     sentinels) to this client's own proxy to it; a Sentinel client must connect through it
 * @param ttl the lease's time to live
 * @param nodeTimeout how long to wait for one server's answer
 * @param watchdog the scenario asks for held leases to be renewed (a client that always renews
 *     ignores it)
 * @param retryMax the longest pause between two acquire attempts
 * @param seed the seed of this client's own random choices (retry jitter)
 * @param clock this client's clock; the client-clock fault drives it. A client that declares {@link
 *     LockClientTraits#injectedClock()} measures all validity on it
 * @param events where the client reports the during-acquire point, renewals and losses
 */
public record LockClientContext(
    int client,
    List<Endpoint> servers,
    Optional<String> sentinelMaster,
    Map<String, String> addressMap,
    Duration ttl,
    Duration nodeTimeout,
    boolean watchdog,
    Duration retryMax,
    long seed,
    MonotonicClock clock,
    LeaseEvents events) {

  public LockClientContext {
    servers = List.copyOf(servers);
    addressMap = Map.copyOf(addressMap);
  }
}
