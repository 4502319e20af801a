package io.redlocklab.harness.lockclient;

import io.redlocklab.core.FencingMode;
import io.redlocklab.core.Lease;
import io.redlocklab.core.LeaseExpiredException;
import io.redlocklab.core.NodeOutcome;
import io.redlocklab.core.RedisNode;
import io.redlocklab.core.Redlock;
import io.redlocklab.core.RedlockConfig;
import io.redlocklab.core.RedlockException;
import io.redlocklab.core.RedlockListener;
import io.redlocklab.core.SentinelNode;
import java.time.Duration;
import java.util.List;

/** This project's redlock-core client behind the seam: one {@link Redlock} per workload client. */
public final class RedlockLockClient implements LockClient {

  /** What redlock-core can take part in: its clock is injected and it reports requestsSent. */
  public static final LockClientTraits TRAITS =
      new LockClientTraits(true, LockClientTraits.allPausePoints(), false, true);

  private static final Duration RETRY_BASE = Duration.ofMillis(5);

  private final Redlock redlock;

  private RedlockLockClient(
      LockClientContext context, FencingMode fencing, boolean replicatedLease) {
    RedlockConfig.Builder config =
        RedlockConfig.builder()
            .ttl(context.ttl())
            .nodeTimeout(context.nodeTimeout())
            .fencing(fencing)
            .watchdog(context.watchdog())
            .retryBackoff(RETRY_BASE, max(RETRY_BASE, context.retryMax()))
            .randomSeed(context.seed())
            .clock(context.clock())
            .listener(listener(context.events()));
    if (context.sentinelMaster().isPresent()) {
      config.node(
          SentinelNode.of(
                  context.sentinelMaster().get(),
                  context.servers().stream().map(s -> RedisNode.of(s.host(), s.port())).toList())
              .withAddressMap(context.addressMap()));
    } else {
      context.servers().forEach(server -> config.node(server.host(), server.port()));
    }
    if (replicatedLease) {
      config.replicatedLease(1, context.nodeTimeout().dividedBy(2));
    }
    this.redlock = Redlock.create(config.build());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The factory of a mode that runs redlock-core with {@code fencing}. */
  public static LockClientFactory factory(FencingMode fencing) {
    return factory(fencing, false);
  }

  /**
   * As {@link #factory(FencingMode)}; with {@code replicatedLease} a node counts only once {@code
   * WAIT 1} (timeout nodeTimeout / 2) confirms a replica has the write. Given a Sentinel master
   * name, the context's servers are the sentinels.
   */
  public static LockClientFactory factory(FencingMode fencing, boolean replicatedLease) {
    return context -> new RedlockLockClient(context, fencing, replicatedLease);
  }

  /** {@link #TRAITS}, fenced unless {@code fencing} is NONE. */
  public static LockClientTraits traits(FencingMode fencing) {
    return new LockClientTraits(
        TRAITS.injectedClock(),
        TRAITS.pausePoints(),
        fencing != FencingMode.NONE,
        TRAITS.watchdog());
  }

  @Override
  public HeldLease acquire(String resource, Duration wait) {
    try {
      return new Held(redlock.acquire(resource, wait));
    } catch (RedlockException e) {
      throw new LockRefusedException(
          e.getClass().getSimpleName() + ": " + e.getMessage(), outcomes(e.nodeOutcomes()));
    }
  }

  @Override
  public void close() {
    redlock.close();
  }

  private static RedlockListener listener(LeaseEvents events) {
    return new RedlockListener() {
      @Override
      public void requestsSent(String resource) {
        events.requestsSent();
      }

      @Override
      public void renewalSent() {
        events.renewalSent();
      }

      @Override
      public void extended(Lease lease) {
        events.extended(lease.value(), token(lease), lease.validUntilNanos());
      }

      @Override
      public void leaseLost(Lease lease, LeaseExpiredException reason) {
        events.lost(lease.value(), token(lease), reason.getMessage());
      }
    };
  }

  private static Long token(Lease lease) {
    return lease.fencingToken().isPresent() ? lease.fencingToken().getAsLong() : null;
  }

  private static List<String> outcomes(List<NodeOutcome> outcomes) {
    return outcomes.stream().map(NodeOutcome::toString).toList();
  }

  private record Held(Lease lease) implements HeldLease {
    @Override
    public String value() {
      return lease.value();
    }

    @Override
    public Long token() {
      return RedlockLockClient.token(lease);
    }

    @Override
    public long believedUntilNanos() {
      return lease.validUntilNanos();
    }

    @Override
    public boolean lost() {
      return lease.whenLost().toCompletableFuture().isDone();
    }

    @Override
    public List<String> acquireDetail() {
      return outcomes(lease.nodeOutcomes());
    }

    @Override
    public String release() {
      return "released on " + lease.release() + " nodes";
    }
  }
}
