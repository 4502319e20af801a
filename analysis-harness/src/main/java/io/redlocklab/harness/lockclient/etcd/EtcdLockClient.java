package io.redlocklab.harness.lockclient.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.lock.LockResponse;
import io.redlocklab.core.MonotonicClock;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockClientContext;
import io.redlocklab.harness.lockclient.LockClientFactory;
import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.lockclient.LockRefusedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * etcd's lock service behind the seam, through jetcd 0.8.7 (gRPC) to all three members, each
 * through this workload client's own proxy.
 *
 * <p>Each acquisition grants a fresh lease with the scenario's TTL in whole seconds, rounded up
 * (etcd may raise it to its minimum lease TTL; the granted TTL is the one used), then calls {@code
 * Lock(resource, lease)}, which returns once this lease's key is the oldest under the resource's
 * prefix. A timed-out acquisition revokes its lease, which deletes its waiting key.
 *
 * <p>Keep-alive: this client's own thread sends one {@code LeaseKeepAlive} every TTL/3 (jetcd's
 * built-in keep-alive runs on its own timer, not on the injected clock). The holder believes it
 * holds the lock until the <em>send</em> instant of the last acknowledged keep-alive (or grant)
 * plus the TTL that answer carried, measured on the injected clock: a keep-alive that is not
 * acknowledged within the TTL lets that instant pass. A keep-alive answered with TTL ≤ 0 (lease not
 * found) marks the lease lost.
 *
 * <p>Fencing token: the lock key's create revision. Keys under one prefix are served in create
 * revision order, so a later holder always has a larger one (the etcd docs' "revision" of the
 * lock's key). The unfenced mode hands no token to the workload.
 */
public final class EtcdLockClient implements LockClient {

  /**
   * jetcd retries an unavailable member once, soon; each call's own timeout is the node timeout.
   */
  private static final int RETRY_ATTEMPTS = 1;

  private static final long RETRY_DELAY_MILLIS = 20;

  /** Setting up the gRPC channel in a fresh JVM can take a second: that is not lock behaviour. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final LockClientContext context;
  private final boolean fenced;
  private final Client client;
  private final ScheduledExecutorService keepAlives;
  private long acquisitions;

  private EtcdLockClient(LockClientContext context, boolean fenced) {
    this.context = context;
    this.fenced = fenced;
    String[] endpoints = context.servers().stream().map(EtcdLockClient::url).toArray(String[]::new);
    this.client =
        Client.builder()
            .endpoints(endpoints)
            .connectTimeout(CONNECT_TIMEOUT)
            .retryMaxAttempts(RETRY_ATTEMPTS)
            .retryChronoUnit(ChronoUnit.MILLIS)
            .retryDelay(RETRY_DELAY_MILLIS)
            .retryMaxDelay(2 * RETRY_DELAY_MILLIS)
            .retryMaxDuration(context.nodeTimeout())
            .build();
    this.keepAlives =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "etcd-keepalive-" + context.client());
              t.setDaemon(true);
              return t;
            });
    warmUp();
  }

  /**
   * One read before the first acquisition, so that connecting is not charged to it; a failure is
   * left to the acquisitions (a scenario may start with members cut off).
   */
  private void warmUp() {
    try {
      await(client.getKVClient().get(bytes("redlocklab/warm-up")), CONNECT_TIMEOUT);
    } catch (Failure e) {
      // the first acquisition will say what is wrong
    }
  }

  private static String url(Endpoint endpoint) {
    return "http://" + endpoint.host() + ":" + endpoint.port();
  }

  /** The factory of mode {@code etcd} (unfenced) or {@code etcd-fenced}. */
  public static LockClientFactory factory(boolean fenced) {
    return context -> new EtcdLockClient(context, fenced);
  }

  /**
   * Validity on the injected clock; every pause point (during-acquire is reported once the Lock
   * request is sent); a token in the fenced mode; a keep-alive always on (a watchdog).
   */
  public static LockClientTraits traits(boolean fenced) {
    return new LockClientTraits(true, LockClientTraits.allPausePoints(), fenced, true);
  }

  /** The scenario's TTL in whole seconds, rounded up: etcd's lease TTL is in seconds. */
  static long ttlSeconds(Duration ttl) {
    return Math.max(1, (ttl.toMillis() + 999) / 1000);
  }

  @Override
  public HeldLease acquire(String resource, Duration wait) {
    MonotonicClock clock = context.clock();
    long sentNanos = clock.nanoTime();
    long leaseId;
    long grantedSeconds;
    try {
      var grant = await(client.getLeaseClient().grant(ttlSeconds(context.ttl())), nodeTimeout());
      leaseId = grant.getID();
      grantedSeconds = grant.getTTL();
    } catch (Failure e) {
      throw new LockRefusedException("LeaseGrantFailed: " + e.getMessage(), List.of());
    }
    acquisitions++;
    Held held =
        new Held(
            "etcd-" + context.client() + "-" + acquisitions,
            leaseId,
            grantedSeconds,
            sentNanos + TimeUnit.SECONDS.toNanos(grantedSeconds));
    held.keepAlive =
        keepAlives.scheduleAtFixedRate(
            () -> keepAlive(held),
            periodMillis(grantedSeconds),
            periodMillis(grantedSeconds),
            TimeUnit.MILLISECONDS);
    ByteSequence key;
    try {
      CompletableFuture<LockResponse> lock = client.getLockClient().lock(bytes(resource), leaseId);
      context.events().requestsSent();
      key = await(lock, wait).getKey();
      held.key = key;
      KeyValue kv = await(client.getKVClient().get(key), nodeTimeout()).getKvs().get(0);
      held.token = kv.getCreateRevision();
    } catch (Failure | IndexOutOfBoundsException e) {
      held.abandon();
      throw new LockRefusedException(
          "LockFailed: " + e.getMessage() + " (lease " + Long.toHexString(leaseId) + " revoked)",
          List.of());
    }
    held.held = true;
    return held;
  }

  private static long periodMillis(long ttlSeconds) {
    return Math.max(1, TimeUnit.SECONDS.toMillis(ttlSeconds) / 3);
  }

  /** One keep-alive, on the keep-alive thread: extends the belief only on an acknowledgement. */
  private void keepAlive(Held held) {
    long sentNanos = context.clock().nanoTime();
    try {
      LeaseKeepAliveResponse answer =
          await(client.getLeaseClient().keepAliveOnce(held.leaseId), nodeTimeout());
      if (answer.getTTL() <= 0) {
        held.markLost("keep-alive: lease not found");
        return;
      }
      held.believedUntil = sentNanos + TimeUnit.SECONDS.toNanos(answer.getTTL());
      if (held.held) {
        context.events().extended(held.value, held.token(), held.believedUntil);
      }
    } catch (Failure e) {
      if (e.getMessage() != null && e.getMessage().toLowerCase().contains("not found")) {
        held.markLost("keep-alive: " + e.getMessage());
      }
      // Unacknowledged: the belief runs out on its own.
    }
  }

  private Duration nodeTimeout() {
    return context.nodeTimeout();
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  /** An etcd call that failed or timed out, as one line. */
  private static final class Failure extends HarnessException {
    Failure(String message) {
      super(message);
    }
  }

  private static <T> T await(CompletableFuture<T> future, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Failure("no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new Failure(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new Failure("interrupted");
    }
  }

  @Override
  public void close() {
    keepAlives.shutdownNow();
    client.close();
  }

  /** One granted (or still waiting) lease; fields are written by the keep-alive thread too. */
  private final class Held implements HeldLease {
    final String value;
    final long leaseId;
    final long grantedSeconds;
    volatile long believedUntil;
    volatile boolean lost;
    volatile boolean held;
    volatile ByteSequence key;
    volatile Long token;
    volatile ScheduledFuture<?> keepAlive;

    Held(String value, long leaseId, long grantedSeconds, long believedUntil) {
      this.value = value;
      this.leaseId = leaseId;
      this.grantedSeconds = grantedSeconds;
      this.believedUntil = believedUntil;
    }

    void markLost(String why) {
      if (!lost) {
        lost = true;
        if (held) {
          context.events().lost(value, token(), why);
        }
      }
      cancelKeepAlive();
    }

    private void cancelKeepAlive() {
      ScheduledFuture<?> task = keepAlive;
      if (task != null) {
        task.cancel(false);
      }
    }

    /** Stops renewing and revokes the lease, which deletes the lock key (held or waiting). */
    String abandon() {
      cancelKeepAlive();
      try {
        await(client.getLeaseClient().revoke(leaseId), nodeTimeout());
        return "lease revoked";
      } catch (Failure e) {
        return "revoke failed: " + e.getMessage();
      }
    }

    @Override
    public String value() {
      return value;
    }

    @Override
    public Long token() {
      return fenced ? token : null;
    }

    @Override
    public long believedUntilNanos() {
      return believedUntil;
    }

    @Override
    public boolean lost() {
      return lost;
    }

    @Override
    public List<String> acquireDetail() {
      return List.of(
          "lease "
              + Long.toHexString(leaseId)
              + " ttl "
              + grantedSeconds
              + " s, key revision "
              + token);
    }

    @Override
    public String release() {
      String unlock;
      try {
        await(client.getLockClient().unlock(key), nodeTimeout());
        unlock = "unlocked";
      } catch (Failure e) {
        unlock = "unlock failed: " + e.getMessage();
      }
      return unlock + ", " + abandon();
    }
  }
}
