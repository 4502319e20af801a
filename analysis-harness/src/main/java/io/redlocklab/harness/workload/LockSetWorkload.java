package io.redlocklab.harness.workload;

import io.redlocklab.core.MonotonicClock;
import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.Errors;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.history.ClientHistory;
import io.redlocklab.harness.history.HistorySink;
import io.redlocklab.harness.history.Ops;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.lockclient.LeaseEvents;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockClientContext;
import io.redlocklab.harness.lockclient.LockClientFactory;
import io.redlocklab.harness.nemesis.ClientPauses;
import io.redlocklab.harness.nemesis.DriftingClock;
import io.redlocklab.harness.scenario.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs K lock-set clients against one resource until the duration is over, then reads the final
 * set. Each client has its own lock client (through its own proxies), its own clock and its own
 * connection to the protected resource.
 */
public final class LockSetWorkload {

  private final String mode;
  private final Workload workload;
  private final HistorySink history;
  private final MonotonicClock clock;
  private final ClientPauses pauses;
  private final List<DriftingClock> clientClocks;
  private final AtomicLong cycles = new AtomicLong();
  private ProcessClients processes;

  /**
   * @param mode the lock mode id, written into every record
   * @param clientClocks client k's clock at index k; the same ones the client-clock nemesis drives
   */
  public LockSetWorkload(
      String mode,
      Workload workload,
      HistorySink history,
      MonotonicClock clock,
      ClientPauses pauses,
      List<DriftingClock> clientClocks) {
    if (clientClocks.size() != workload.clients()) {
      throw new IllegalArgumentException(
          workload.clients() + " clients need as many clocks, got " + clientClocks.size());
    }
    this.mode = mode;
    this.workload = workload;
    this.history = history;
    this.clock = clock;
    this.pauses = pauses;
    this.clientClocks = List.copyOf(clientClocks);
  }

  /**
   * Runs the clients in these JVM child processes instead of threads ({@code clients_as:
   * processes}); they are started already, so their start-up is not part of the workload.
   */
  public void useProcesses(ProcessClients started) {
    this.processes = started;
  }

  /** How long after the workload's end a client may take to finish its cycle. */
  private long graceNanos() {
    return TimeUnit.SECONDS.toNanos(30)
        + workload.acquireWait().toNanos()
        + workload.work().toNanos();
  }

  /** Completed acquire-use-release cycles so far (for progress output). */
  public long cycles() {
    return cycles.get();
  }

  /**
   * Runs the clients from {@code startNanos} (run clock) for the configured duration.
   *
   * @param lockClients the mode's factory; client k gets its own lock client over {@code
   *     servers.apply(k)}, its own clock and its own events
   * @param servers client k's way to each lock server (its own proxies), or to the sentinels
   * @param sentinelMaster the master's name under Sentinel, else empty
   * @param addressMaps under Sentinel, client k's address map (see {@link LockClientContext})
   * @param resourceEndpoint client k's way to the protected resource
   */
  public void run(
      long startNanos,
      LockClientFactory lockClients,
      IntFunction<List<Endpoint>> servers,
      Optional<String> sentinelMaster,
      IntFunction<Map<String, String>> addressMaps,
      IntFunction<RedisNode> resourceEndpoint)
      throws InterruptedException {
    long endNanos = startNanos + workload.duration().toNanos();
    if (processes != null) {
      processes.run(endNanos, servers, sentinelMaster, addressMaps, resourceEndpoint, cycles);
      processes.await(endNanos + graceNanos());
      return;
    }
    LockSetClient.Run run = new LockSetClient.Run(clock, pauses, endNanos);
    List<LockClient> locks = new ArrayList<>();
    List<ProtectedResource> resources = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> died = Collections.synchronizedList(new ArrayList<>());
    try {
      for (int k = 0; k < workload.clients(); k++) {
        ClientHistory clientHistory =
            new ClientHistory(history, clock::nanoTime, k, mode, workload.resource());
        DriftingClock clientClock = clientClocks.get(k);
        LockClient lock =
            lockClients.create(
                lockContext(
                    k,
                    workload,
                    servers.apply(k),
                    sentinelMaster,
                    addressMaps.apply(k),
                    clientClock,
                    LockSetClient.events(k, clientHistory, pauses, clock, clientClock)));
        locks.add(lock);
        ProtectedResource resource =
            new ProtectedResource(
                resourceEndpoint.apply(k), workload.resource(), resourceTimeout(workload));
        resources.add(resource);
        LockSetClient client =
            new LockSetClient(k, clientHistory, workload, lock, resource, clientClock, run, cycles);
        Thread thread = new Thread(client, Ops.client(k));
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(
            (t, e) ->
                died.add(new HarnessException(t.getName() + " died: " + Errors.oneLine(e), e)));
        threads.add(thread);
      }
      threads.forEach(Thread::start);
      awaitClients(threads, endNanos);
      // A lock client that throws anything but LockRefusedException is a bug, not an outcome: the
      // cell fails instead of going on with fewer clients.
      if (!died.isEmpty()) {
        throw died.get(0);
      }
    } finally {
      threads.forEach(Thread::interrupt);
      resources.forEach(ProtectedResource::close);
      locks.forEach(LockClient::close);
    }
  }

  /** Records the resource's final set, read directly (no proxy, no fence). */
  public void recordFinalSet(RedisNode directResource) {
    try {
      history.append(
          Ops.finalRead(
              clock.nanoTime(),
              mode,
              workload.resource(),
              ProtectedResource.finalElements(directResource, workload.resource())));
    } catch (RuntimeException e) {
      history.append(
          Ops.finalReadFailed(
              clock.nanoTime(), mode, workload.resource(), String.valueOf(e.getMessage())));
    }
  }

  /** What client {@code k}'s lock client is built from, in a thread or in a client process. */
  static LockClientContext lockContext(
      int k,
      Workload workload,
      List<Endpoint> servers,
      Optional<String> sentinelMaster,
      Map<String, String> addressMap,
      DriftingClock clientClock,
      LeaseEvents events) {
    return new LockClientContext(
        k,
        servers,
        sentinelMaster,
        addressMap,
        workload.ttl(),
        workload.nodeTimeout(),
        workload.watchdog(),
        workload.think().dividedBy(2),
        workload.seed() * 31 + k,
        clientClock,
        events);
  }

  /** Read timeout of a client's resource connection: well above any lease's TTL. */
  static Duration resourceTimeout(Workload workload) {
    return Duration.ofMillis(Math.max(2_000, 3 * workload.ttl().toMillis()));
  }

  /**
   * Waits for the clients to end by themselves; a client stuck past the end plus a grace is a bug.
   */
  private void awaitClients(List<Thread> threads, long endNanos) throws InterruptedException {
    long graceNanos = graceNanos();
    for (Thread thread : threads) {
      long waitMillis = Math.max(1, (endNanos + graceNanos - clock.nanoTime()) / 1_000_000);
      thread.join(waitMillis);
      if (thread.isAlive()) {
        throw new HarnessException(
            thread.getName()
                + " did not finish "
                + graceNanos / 1_000_000_000
                + " s after the workload's end");
      }
    }
  }
}
