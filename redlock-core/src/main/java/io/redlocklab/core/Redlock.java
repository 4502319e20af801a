package io.redlocklab.core;

import static io.redlocklab.core.NodeConnection.Delivery.AT_MOST_ONCE;
import static io.redlocklab.core.NodeConnection.Delivery.RETRY_BROKEN_CONNECTION;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

/**
 * A Redlock client: a lease on a resource is granted when a majority of N independent Redis masters
 * accept it and enough of the TTL is left after the time the vote took and the allowed clock drift.
 *
 * <h2>What a lease guarantees</h2>
 *
 * While {@link Lease#remainingValidity()} is positive, and provided that every node's clock and
 * this process's monotonic clock advance at rates within the drift factor of each other, that nodes
 * keep their keys for the TTL (no restart without persistence within a TTL, no failover to a
 * replica that missed the write), and that this process is not paused, no other client of the same
 * nodes holds a lease on the same resource. A lease never claims more validity than the nodes back:
 * after a failed {@link Lease#extend extend} its validity is lowered to what the nodes can still
 * guarantee.
 *
 * <h2>What it does not guarantee</h2>
 *
 * <ul>
 *   <li>Mutual exclusion at the protected resource. A process pause, a slow network or a clock jump
 *       can let a holder act after its lease ended. Only a resource that checks a {@linkplain
 *       FencingMode fencing token} rejects such late requests.
 *   <li>Safety under a node that forgets a key (restart without {@code appendfsync always},
 *       failover, also of a {@link SentinelNode} and also with the {@linkplain ReplicatedLease
 *       replicated lease}).
 *   <li>Fairness or ordering among waiting clients.
 * </ul>
 *
 * <p>Thread-safe: share one client among threads. {@link #close()} it when done.
 */
public final class Redlock implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Redlock.class);
  private static final SecureRandom VALUES = new SecureRandom();
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final RedlockConfig config;
  private final MonotonicClock clock;
  private final ExecutorService io;
  private final NodeGroup nodes;
  private final Backoff backoff;
  private final Watchdog watchdog;
  private final InFlight inFlight = new InFlight();

  private Redlock(RedlockConfig config) {
    this.config = config;
    this.clock = config.clock();
    this.io =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "redlock-io-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.nodes = new NodeGroup(config, io);
    this.backoff =
        new Backoff(config.retryBaseDelay(), config.retryMaxDelay(), config.randomSeed());
    this.watchdog = new Watchdog(this, config);
  }

  public static Redlock create(RedlockConfig config) {
    if (config == null) {
      throw new RedlockArgumentException("config: must not be null; build one with builder()");
    }
    return new Redlock(config);
  }

  public RedlockConfig config() {
    return config;
  }

  /**
   * Acquires a lease, retrying with randomized exponential backoff for up to {@code maxWait}. The
   * last attempt starts before the wait runs out and may finish after it: by up to one node timeout
   * for the votes, one more for a fencing token, and, when it fails, up to two more while it
   * releases what it took.
   *
   * @throws LockTakenException another holder has it and the wait ran out
   * @throws QuorumUnreachableException too few nodes answered and the wait ran out
   * @throws LeaseExpiredException the last attempt reached a quorum with too little validity left
   * @throws AcquireInterruptedException the thread was interrupted; what the attempt took was
   *     released on every node that answered in time
   * @throws ClientClosedException the client was closed
   */
  public Lease acquire(String resource, Duration maxWait) {
    requireResource(resource);
    if (maxWait == null) {
      throw new RedlockArgumentException(
          "maxWait: must not be null; use Duration.ZERO for one try");
    }
    long deadline = clock.nanoTime() + Math.max(0, maxWait.toNanos());
    if (maxWait.isZero() || maxWait.isNegative()) {
      return attempt(resource);
    }
    Retry retry =
        Retry.of(
            "redlock:" + resource,
            RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(
                    attempt ->
                        backoff.delayMillis(attempt, (deadline - clock.nanoTime()) / 1_000_000))
                .retryOnException(
                    e ->
                        isRetryable(e)
                            && clock.nanoTime() < deadline
                            && !inFlight.isClosing()
                            && !Thread.currentThread().isInterrupted())
                .failAfterMaxAttempts(false)
                .build());
    try {
      return retry.executeSupplier(() -> attempt(resource));
    } catch (RedlockException e) {
      if (Thread.currentThread().isInterrupted() && !(e instanceof AcquireInterruptedException)) {
        throw new AcquireInterruptedException(resource);
      }
      throw e;
    }
  }

  /**
   * One attempt, no retry: the lease, or empty when the lock is taken, unreachable or out of
   * validity.
   */
  public Optional<Lease> tryAcquire(String resource) {
    try {
      return Optional.of(acquire(resource, Duration.ZERO));
    } catch (LockTakenException | QuorumUnreachableException | LeaseExpiredException e) {
      return Optional.empty();
    }
  }

  /** {@link #acquire} on the client's I/O pool. */
  public CompletableFuture<Lease> acquireAsync(String resource, Duration maxWait) {
    requireResource(resource);
    return async(() -> acquire(resource, maxWait));
  }

  /**
   * A {@link Lock} view of one resource. Not reentrant; {@code unlock} must come from the locking
   * thread; the lease expires after the TTL unless the watchdog is on. When the lease ended before
   * {@code unlock} (expired, or lost by the watchdog), {@code unlock} still releases it and then
   * throws {@link LeaseExpiredException}: the critical section may have overlapped another holder.
   */
  public Lock asLock(String resource) {
    requireResource(resource);
    return new RedlockLock(this, resource);
  }

  /**
   * Stops the watchdog, refuses new acquisitions, lets operations under way finish (releases
   * included) for up to five node timeouts, then closes the connections. Held leases are not
   * released: they expire after their TTL. Idempotent.
   */
  @Override
  public void close() {
    if (!inFlight.beginClose()) {
      return;
    }
    watchdog.close();
    long grace = 5 * config.nodeTimeout().toNanos() + TimeUnit.MILLISECONDS.toNanos(100);
    if (!inFlight.awaitIdleThenTerminate(grace)) {
      log.warn("close: operations still under way after {} ms; closing anyway", grace / 1_000_000);
    }
    io.shutdown();
    try {
      io.awaitTermination(config.nodeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    io.shutdownNow();
    nodes.close();
  }

  // ---- one attempt ----

  private Lease attempt(String resource) {
    if (Thread.currentThread().isInterrupted()) {
      throw new AcquireInterruptedException(resource);
    }
    if (!inFlight.enterAcquire()) {
      throw new ClientClosedException(resource);
    }
    try {
      return attemptInFlight(resource);
    } finally {
      inFlight.exit();
    }
  }

  private Lease attemptInFlight(String resource) {
    String key = lockKey(resource);
    String value = newLeaseValue();
    long start = clock.nanoTime();
    Round acquire = nodes.send(acquireCommand(resource, value), AT_MOST_ONCE);
    try {
      notify(l -> l.requestsSent(resource));
      acquire.awaitQuorum(start + config.nodeTimeout().toNanos());
      if (!acquire.tally().succeeded()) {
        throw refusal(resource, acquire);
      }
      Long token = fencingToken(resource, acquire);
      long elapsed = clock.nanoTime() - start;
      long validity =
          Validity.remainingNanos(config.ttl().toNanos(), elapsed, config.driftFactor());
      if (validity <= config.minValidity().toNanos()) {
        throw new LeaseExpiredException(
            "'"
                + resource
                + "': quorum took "
                + elapsed / 1_000_000
                + " ms, leaving "
                + validity / 1_000_000
                + " ms of validity, not above the minimum of "
                + config.minValidity().toMillis()
                + " ms",
            acquire.outcomes());
      }
      if (inFlight.isClosing()) {
        throw new ClientClosedException(resource);
      }
      Lease lease =
          new Lease(
              this,
              resource,
              value,
              token,
              Validity.validUntilNanos(start, config.ttl().toNanos(), config.driftFactor()),
              acquire);
      if (config.watchdog()) {
        watchdog.watch(lease, config.ttl());
      }
      notify(l -> l.acquired(lease));
      return lease;
    } catch (InterruptedException e) {
      releaseAfter(acquire, key, value);
      Thread.currentThread().interrupt();
      throw new AcquireInterruptedException(resource);
    } catch (RuntimeException e) {
      // Whatever went wrong after the requests were sent, what they took is released.
      releaseAfter(acquire, key, value);
      RedlockException failure =
          e instanceof RedlockException known
              ? known
              : new RedlockException("'" + resource + "': acquire failed: " + e, e);
      notify(l -> l.acquireFailed(resource, failure));
      throw failure;
    }
  }

  private NodeConnection.Command acquireCommand(String resource, String value) {
    String key = lockKey(resource);
    String ttlMillis = Long.toString(config.ttl().toMillis());
    if (config.fencing().fromQuorum()) {
      List<String> keys = List.of(key, fenceKey(resource));
      List<String> args = List.of(value, ttlMillis);
      LuaScript script =
          config.fencing() == FencingMode.QUORUM_CLOCK_FLOOR
              ? LuaScript.ACQUIRE_FENCED_CLOCK_FLOOR
              : LuaScript.ACQUIRE_FENCED;
      return replicated(
          key, (node, jedis) -> Replies.counted(node.eval(jedis, script, keys, args)));
    }
    SetParams params = SetParams.setParams().nx().px(config.ttl().toMillis());
    return replicated(key, (node, jedis) -> Replies.setNx(jedis.set(key, value, params)));
  }

  /**
   * With the replicated-lease option, {@code write} followed by {@code WAIT} on one connection;
   * otherwise {@code write} as it is.
   */
  private NodeConnection.Command replicated(String key, NodeConnection.Command write) {
    Optional<ReplicatedLease> lease = config.replicatedLease();
    if (lease.isEmpty()) {
      return write;
    }
    return (node, jedis) -> node.runReplicated(write, key, lease.get());
  }

  /** The token for the granted votes, or null without fencing. */
  private Long fencingToken(String resource, Round acquire) throws InterruptedException {
    switch (config.fencing()) {
      case QUORUM:
      case QUORUM_CLOCK_FLOOR:
        long token = acquire.maxOkValue();
        List<String> keys = List.of(fenceKey(resource));
        List<String> args = List.of(Long.toString(token));
        Round raise =
            nodes.send(
                replicated(
                    keys.get(0),
                    (node, jedis) ->
                        Replies.counted(node.eval(jedis, LuaScript.RAISE_COUNTER, keys, args))),
                RETRY_BROKEN_CONNECTION);
        raise.awaitQuorum(clock.nanoTime() + config.nodeTimeout().toNanos());
        if (!raise.tally().succeeded()) {
          throw new QuorumUnreachableException(
              "'"
                  + resource
                  + "': fencing token "
                  + token
                  + " reached only "
                  + raise.tally()
                  + "; lease not granted",
              raise.outcomes());
        }
        return token;
      case SINGLE_NODE:
        NodeReply counter =
            nodes.callOne(
                config.fencingNode(),
                (node, jedis) -> jedis.incr(fenceKey(resource)),
                RETRY_BROKEN_CONNECTION);
        if (!counter.outcome().isOk()) {
          throw new QuorumUnreachableException(
              "'"
                  + resource
                  + "': fencing node "
                  + counter.outcome()
                  + " gave no token; lease not granted",
              acquire.outcomes());
        }
        return counter.value();
      default:
        return null;
    }
  }

  private RedlockException refusal(String resource, Round acquire) {
    String summary = "'" + resource + "': " + acquire.tally();
    return acquire.tally().failure() == QuorumTally.Failure.TAKEN
        ? new LockTakenException(summary + "; held by another holder", acquire.outcomes())
        : new QuorumUnreachableException(
            summary + "; too many nodes failed to answer", acquire.outcomes());
  }

  // ---- release and extend, used by Lease ----

  /**
   * Compare-and-delete on every node, each after that node's acquire call; returns nodes released.
   * Once {@link #close()} has finished nothing is sent and 0 is returned: the keys expire after
   * their TTL.
   */
  int release(Lease lease) {
    if (!inFlight.enter()) {
      return 0;
    }
    try {
      String key = lockKey(lease.resource());
      List<String> args = List.of(lease.value());
      Round release =
          releaseAfter(
              lease.acquireRound(),
              (node, jedis) ->
                  Replies.applied(node.eval(jedis, LuaScript.RELEASE, List.of(key), args)));
      int released = release.okCount();
      notify(l -> l.released(lease, released));
      return released;
    } finally {
      inFlight.exit();
    }
  }

  /**
   * Undoes a failed attempt. This runs exactly when replies are being lost, so it sends the
   * script's source ({@code EVAL}): an {@code EVALSHA} to a node with an empty script cache needs
   * the NOSCRIPT reply to come back before the delete is sent, and under a lost-reply fault it
   * never does.
   */
  private void releaseAfter(Round acquire, String key, String value) {
    List<String> keys = List.of(key);
    List<String> args = List.of(value);
    releaseAfter(
        acquire,
        (node, jedis) -> Replies.applied(jedis.eval(LuaScript.RELEASE.source(), keys, args)));
  }

  private Round releaseAfter(Round acquire, NodeConnection.Command compareAndDelete) {
    Round release = nodes.sendAfter(acquire, compareAndDelete, RETRY_BROKEN_CONNECTION);
    return release.awaitAllUninterruptibly(clock.nanoTime() + 2 * config.nodeTimeout().toNanos());
  }

  /**
   * Compare-and-PEXPIRE on every node; returns the new valid-until instant. Whatever the outcome,
   * every node that applied the new TTL keeps the key until at least {@code start + ttl}, so the
   * lease may claim no more than {@code start + ttl - drift}: on failure its validity is lowered to
   * {@code min(old, start + ttl - drift)} before the exception is thrown.
   *
   * @throws LeaseExpiredException no validity left (nothing sent), no quorum, or too little
   *     validity left after the round
   */
  long extend(Lease lease, Duration ttl) throws InterruptedException {
    if (lease.remainingValidity().isZero()) {
      throw new LeaseExpiredException(
          "'" + lease.resource() + "': lease already expired; acquire a new one", List.of());
    }
    if (!inFlight.enter()) {
      throw new ClientClosedException(lease.resource());
    }
    try {
      List<String> keys = List.of(lockKey(lease.resource()));
      List<String> args = List.of(lease.value(), Long.toString(ttl.toMillis()));
      long start = clock.nanoTime();
      long backedUntil = Validity.validUntilNanos(start, ttl.toNanos(), config.driftFactor());
      Round extend =
          nodes.send(
              replicated(
                  keys.get(0),
                  (node, jedis) -> Replies.applied(node.eval(jedis, LuaScript.EXTEND, keys, args))),
              RETRY_BROKEN_CONNECTION);
      try {
        extend.awaitQuorum(start + config.nodeTimeout().toNanos());
      } finally {
        // From here on some nodes may hold the new TTL; an interrupt must not leave more behind.
        if (!extend.tally().succeeded()) {
          lease.limitValidity(backedUntil);
        }
      }
      long validity = backedUntil - clock.nanoTime();
      if (!extend.tally().succeeded() || validity <= config.minValidity().toNanos()) {
        lease.limitValidity(backedUntil);
        throw new LeaseExpiredException(
            "'"
                + lease.resource()
                + "': extend reached "
                + extend.tally()
                + " with "
                + validity / 1_000_000
                + " ms validity; the lease was not extended and now claims at most "
                + lease.remainingValidity().toMillis()
                + " ms",
            extend.outcomes());
      }
      return backedUntil;
    } finally {
      inFlight.exit();
    }
  }

  /**
   * The watchdog's renewal: one compare-and-PEXPIRE of all the leases per node, each lease judged
   * on its own answers as {@link #extend} judges one. Updates every lease's validity.
   */
  BatchExtension.Result extendAll(List<Lease> leases, Duration ttl) throws InterruptedException {
    return BatchExtension.extend(
        nodes,
        config,
        leases,
        lease -> lockKey(lease.resource()),
        ttl,
        () -> notify(RedlockListener::renewalSent));
  }

  /** Tells the listener, once the lease carries its new validity. */
  void extended(Lease lease) {
    notify(l -> l.extended(lease));
  }

  void leaseLost(Lease lease, LeaseExpiredException reason) {
    notify(l -> l.leaseLost(lease, reason));
  }

  /** Runs {@code work} on the I/O pool; {@link #close()} waits for it like for any operation. */
  <T> CompletableFuture<T> async(Supplier<T> work) {
    if (!inFlight.enter()) {
      return CompletableFuture.failedFuture(new ClientClosedException("async operation"));
    }
    try {
      return CompletableFuture.supplyAsync(work, io)
          .whenComplete((result, error) -> inFlight.exit());
    } catch (RuntimeException e) {
      inFlight.exit();
      throw e;
    }
  }

  MonotonicClock clock() {
    return clock;
  }

  // ---- helpers ----

  private String lockKey(String resource) {
    return config.keyPrefix() + resource;
  }

  private String fenceKey(String resource) {
    return lockKey(resource) + ":fence";
  }

  private static String newLeaseValue() {
    byte[] bytes = new byte[16];
    VALUES.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static boolean isRetryable(Throwable e) {
    return e instanceof LockTakenException
        || e instanceof QuorumUnreachableException
        || e instanceof LeaseExpiredException;
  }

  private static void requireResource(String resource) {
    if (resource == null || resource.isEmpty()) {
      throw new RedlockArgumentException("resource: must be a non-empty name");
    }
  }

  private void notify(Consumer<RedlockListener> event) {
    try {
      event.accept(config.listener());
    } catch (RuntimeException e) {
      log.warn("listener threw; ignored", e);
    }
  }
}
