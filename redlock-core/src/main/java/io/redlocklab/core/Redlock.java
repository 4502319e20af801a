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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
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
 * nodes holds a lease on the same resource.
 *
 * <h2>What it does not guarantee</h2>
 *
 * <ul>
 *   <li>Mutual exclusion at the protected resource. A process pause, a slow network or a clock jump
 *       can let a holder act after its lease ended. Only a resource that checks a {@linkplain
 *       FencingMode fencing token} rejects such late requests.
 *   <li>Safety under a node that forgets a key (restart without {@code appendfsync always},
 *       failover).
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
    return new Redlock(config);
  }

  public RedlockConfig config() {
    return config;
  }

  /**
   * Acquires a lease, retrying with randomized exponential backoff for up to {@code maxWait} (the
   * last attempt may run one node timeout past it).
   *
   * @throws LockTakenException another holder has it and the wait ran out
   * @throws QuorumUnreachableException too few nodes answered and the wait ran out
   * @throws LeaseExpiredException the last attempt reached a quorum with too little validity left
   * @throws AcquireInterruptedException the thread was interrupted; nothing is held
   */
  public Lease acquire(String resource, Duration maxWait) {
    requireResource(resource);
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
    return CompletableFuture.supplyAsync(() -> acquire(resource, maxWait), io);
  }

  /**
   * A {@link Lock} view of one resource. Not reentrant; {@code unlock} must come from the locking
   * thread; the lease expires after the TTL unless the watchdog is on.
   */
  public Lock asLock(String resource) {
    requireResource(resource);
    return new RedlockLock(this, resource);
  }

  @Override
  public void close() {
    watchdog.close();
    io.shutdownNow();
    nodes.close();
  }

  // ---- one attempt
  // -------------------------------------------------------------------------------

  private Lease attempt(String resource) {
    if (Thread.currentThread().isInterrupted()) {
      throw new AcquireInterruptedException(resource);
    }
    String key = lockKey(resource);
    String value = newLeaseValue();
    long ttlMillis = config.ttl().toMillis();
    long start = clock.nanoTime();
    Round acquire = nodes.send(acquireCommand(key, value, ttlMillis), AT_MOST_ONCE);
    try {
      notify(l -> l.requestsSent(resource));
      acquire.awaitQuorum(start + config.nodeTimeout().toNanos());
      if (!acquire.tally().succeeded()) {
        throw refusal(resource, acquire);
      }
      long token = 0;
      if (config.fencing() == FencingMode.QUORUM) {
        token = acquire.maxOkValue();
        List<String> raiseArgs = List.of(Long.toString(token));
        Round fencing =
            nodes.send(
                (node, jedis) ->
                    asLong(
                        node.eval(
                            jedis,
                            LuaScript.RAISE_COUNTER,
                            List.of(fenceKey(resource)),
                            raiseArgs)),
                RETRY_BROKEN_CONNECTION);
        fencing.awaitQuorum(clock.nanoTime() + config.nodeTimeout().toNanos());
        if (!fencing.tally().succeeded()) {
          throw new QuorumUnreachableException(
              "'"
                  + resource
                  + "': fencing token "
                  + token
                  + " reached only "
                  + fencing.tally()
                  + "; lease not granted",
              fencing.outcomes());
        }
      } else if (config.fencing() == FencingMode.SINGLE_NODE) {
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
        token = counter.value();
      }
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
      Lease lease =
          new Lease(
              this,
              resource,
              value,
              config.fencing() == FencingMode.NONE ? null : token,
              Validity.validUntilNanos(start, config.ttl().toNanos(), config.driftFactor()),
              acquire);
      notify(l -> l.acquired(lease));
      if (config.watchdog()) {
        watchdog.watch(lease, config.ttl());
      }
      return lease;
    } catch (RedlockException e) {
      releaseAfter(acquire, key, value);
      notify(l -> l.acquireFailed(resource, e));
      throw e;
    } catch (InterruptedException e) {
      releaseAfter(acquire, key, value);
      Thread.currentThread().interrupt();
      throw new AcquireInterruptedException(resource);
    }
  }

  private NodeConnection.Command acquireCommand(String key, String value, long ttlMillis) {
    if (config.fencing() == FencingMode.QUORUM) {
      String fenceKey = key + ":fence";
      return (node, jedis) ->
          asLong(
              node.eval(
                  jedis,
                  LuaScript.ACQUIRE_FENCED,
                  List.of(key, fenceKey),
                  List.of(value, Long.toString(ttlMillis))));
    }
    SetParams params = SetParams.setParams().nx().px(ttlMillis);
    return (node, jedis) -> "OK".equals(jedis.set(key, value, params)) ? 1L : null;
  }

  private RedlockException refusal(String resource, Round acquire) {
    String summary = "'" + resource + "': " + acquire.tally();
    return acquire.tally().failure() == QuorumTally.Failure.TAKEN
        ? new LockTakenException(summary + "; held by another holder", acquire.outcomes())
        : new QuorumUnreachableException(
            summary + "; too many nodes failed to answer", acquire.outcomes());
  }

  // ---- release and extend, used by Lease
  // ---------------------------------------------------------

  /**
   * Compare-and-delete on every node, each after that node's acquire call; returns nodes released.
   */
  int release(Lease lease) {
    String key = lockKey(lease.resource());
    Round release =
        releaseAfter(
            lease.acquireRound(),
            (node, jedis) ->
                asLong(node.eval(jedis, LuaScript.RELEASE, List.of(key), List.of(lease.value())))
                        == 1L
                    ? 1L
                    : null);
    int released = release.okCount();
    notify(l -> l.released(lease, released));
    return released;
  }

  /**
   * Undoes a failed attempt. This runs exactly when replies are being lost, so it sends the
   * script's source ({@code EVAL}): an {@code EVALSHA} to a node with an empty script cache needs
   * the NOSCRIPT reply to come back before the delete is sent, and under a lost-reply fault it
   * never does.
   */
  private void releaseAfter(Round acquire, String key, String value) {
    releaseAfter(
        acquire,
        (node, jedis) ->
            asLong(jedis.eval(LuaScript.RELEASE.source(), List.of(key), List.of(value))) == 1L
                ? 1L
                : null);
  }

  private Round releaseAfter(Round acquire, NodeConnection.Command compareAndDelete) {
    Round release = nodes.sendAfter(acquire, compareAndDelete, RETRY_BROKEN_CONNECTION);
    return release.awaitAllUninterruptibly(clock.nanoTime() + 2 * config.nodeTimeout().toNanos());
  }

  /** Compare-and-PEXPIRE on every node; returns the new valid-until instant or throws. */
  long extend(Lease lease, Duration ttl) throws InterruptedException {
    if (lease.remainingValidity().isZero()) {
      throw new LeaseExpiredException(
          "'" + lease.resource() + "': lease already expired; acquire a new one", List.of());
    }
    String key = lockKey(lease.resource());
    long start = clock.nanoTime();
    Round extend =
        nodes.send(
            (node, jedis) ->
                asLong(
                            node.eval(
                                jedis,
                                LuaScript.EXTEND,
                                List.of(key),
                                List.of(lease.value(), Long.toString(ttl.toMillis()))))
                        == 1L
                    ? 1L
                    : null,
            RETRY_BROKEN_CONNECTION);
    extend.awaitQuorum(start + config.nodeTimeout().toNanos());
    long validity =
        Validity.remainingNanos(ttl.toNanos(), clock.nanoTime() - start, config.driftFactor());
    if (!extend.tally().succeeded() || validity <= config.minValidity().toNanos()) {
      throw new LeaseExpiredException(
          "'"
              + lease.resource()
              + "': extend reached "
              + extend.tally()
              + " with "
              + validity / 1_000_000
              + " ms validity; the lease was not extended",
          extend.outcomes());
    }
    return Validity.validUntilNanos(start, ttl.toNanos(), config.driftFactor());
  }

  /**
   * The watchdog's renewal: one compare-and-PEXPIRE of all the leases per node, each lease judged
   * on its own answers as {@link #extend} judges one. Updates every lease's validity.
   */
  BatchExtension.Result extendAll(List<Lease> leases, Duration ttl) throws InterruptedException {
    return BatchExtension.extend(nodes, config, leases, lease -> lockKey(lease.resource()), ttl);
  }

  /** Tells the listener, once the lease carries its new validity. */
  void extended(Lease lease) {
    notify(l -> l.extended(lease));
  }

  void leaseLost(Lease lease, LeaseExpiredException reason) {
    notify(l -> l.leaseLost(lease, reason));
  }

  ExecutorService io() {
    return io;
  }

  MonotonicClock clock() {
    return clock;
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

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

  private static Long asLong(Object reply) {
    return reply instanceof Long number ? number : null;
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

  private void notify(java.util.function.Consumer<RedlockListener> event) {
    try {
      event.accept(config.listener());
    } catch (RuntimeException e) {
      log.warn("listener threw; ignored", e);
    }
  }
}
