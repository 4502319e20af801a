package io.redlocklab.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The immutable settings of a {@link Redlock} client. Built and validated by {@link #builder()}; a
 * bad value fails at {@link Builder#build()} with a one-line {@link RedlockArgumentException}
 * naming the field.
 */
public final class RedlockConfig {

  private static final Logger log = LoggerFactory.getLogger(RedlockConfig.class);

  /** The longest TTL a lease may be given, at acquisition or by an extend. */
  public static final Duration MAX_TTL = Duration.ofDays(1);

  private final List<LockNode> nodes;
  private final Duration ttl;
  private final double driftFactor;
  private final Duration minValidity;
  private final Duration nodeTimeout;
  private final Duration retryBaseDelay;
  private final Duration retryMaxDelay;
  private final FencingMode fencing;
  private final int fencingNode;
  private final boolean watchdog;
  private final String keyPrefix;
  private final int maxConnectionsPerNode;
  private final long randomSeed;
  private final MonotonicClock clock;
  private final RedlockListener listener;
  private final ReplicatedLease replicatedLease;

  private RedlockConfig(Builder b) {
    this.nodes = List.copyOf(b.nodes);
    this.ttl = b.ttl;
    this.driftFactor = b.driftFactor;
    this.minValidity = b.minValidity;
    this.nodeTimeout = b.nodeTimeout;
    this.retryBaseDelay = b.retryBaseDelay;
    this.retryMaxDelay = b.retryMaxDelay;
    this.fencing = b.fencing;
    this.fencingNode = b.fencingNode;
    this.watchdog = b.watchdog;
    this.keyPrefix = b.keyPrefix;
    this.maxConnectionsPerNode = b.maxConnectionsPerNode;
    this.randomSeed = b.randomSeed;
    this.clock = b.clock;
    this.listener = b.listener;
    this.replicatedLease = b.replicatedLease;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The N quorum members, each a {@link RedisNode} or a {@link SentinelNode}. */
  public List<LockNode> nodes() {
    return nodes;
  }

  /** Votes needed: a strict majority of the nodes, {@code N/2 + 1}. */
  public int quorum() {
    return majorityOf(nodes.size());
  }

  /** A strict majority of {@code nodes}: {@code nodes/2 + 1}. */
  public static int majorityOf(int nodes) {
    return nodes / 2 + 1;
  }

  /** Fails with a one-line error unless {@code ttl} is in (0, {@link #MAX_TTL}]. */
  static void requireTtl(String field, Duration ttl) {
    if (ttl == null || ttl.toNanos() <= 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new RedlockArgumentException(
          field + ": must be > 0 and at most " + MAX_TTL.toHours() + " h, was " + ttl);
    }
  }

  public Duration ttl() {
    return ttl;
  }

  public double driftFactor() {
    return driftFactor;
  }

  public Duration minValidity() {
    return minValidity;
  }

  public Duration nodeTimeout() {
    return nodeTimeout;
  }

  public Duration retryBaseDelay() {
    return retryBaseDelay;
  }

  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  public FencingMode fencing() {
    return fencing;
  }

  /** Index into {@link #nodes()} of the node that issues {@link FencingMode#SINGLE_NODE} tokens. */
  public int fencingNode() {
    return fencingNode;
  }

  public boolean watchdog() {
    return watchdog;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public int maxConnectionsPerNode() {
    return maxConnectionsPerNode;
  }

  public long randomSeed() {
    return randomSeed;
  }

  public MonotonicClock clock() {
    return clock;
  }

  public RedlockListener listener() {
    return listener;
  }

  /** The replicated-lease option, when on. */
  public Optional<ReplicatedLease> replicatedLease() {
    return Optional.ofNullable(replicatedLease);
  }

  /** Collects settings; {@link #build()} validates them all at once. Not thread-safe. */
  public static final class Builder {
    private final List<LockNode> nodes = new ArrayList<>();
    private Duration ttl = Duration.ofSeconds(10);
    private double driftFactor = 0.01;
    private Duration minValidity = Duration.ZERO;
    private Duration nodeTimeout = Duration.ofMillis(100);
    private Duration retryBaseDelay = Duration.ofMillis(20);
    private Duration retryMaxDelay = Duration.ofMillis(500);
    private FencingMode fencing = FencingMode.NONE;
    private int fencingNode = 0;
    private boolean watchdog = false;
    private String keyPrefix = "redlock:";
    private int maxConnectionsPerNode = 64;
    private long randomSeed = new SecureRandom().nextLong();
    private MonotonicClock clock = MonotonicClock.system();
    private RedlockListener listener = RedlockListener.NONE;
    private ReplicatedLease replicatedLease;

    private Builder() {}

    /** Adds one independent master. Order matters only for {@link #fencingNode(int)}. */
    public Builder node(String host, int port) {
      return node(RedisNode.of(host, port));
    }

    /** Adds one quorum member: a {@link RedisNode} or a {@link SentinelNode}. */
    public Builder node(LockNode node) {
      if (node == null) {
        throw new RedlockArgumentException(
            "nodes: a node must not be null; add one with node(host, port)");
      }
      nodes.add(node);
      return this;
    }

    /**
     * Adds one quorum member whose master the given sentinels report under {@code masterName}; see
     * {@link SentinelNode} for what that does and does not guarantee.
     */
    public Builder sentinelNode(String masterName, List<RedisNode> sentinels) {
      return node(SentinelNode.of(masterName, sentinels));
    }

    public Builder nodes(List<? extends LockNode> all) {
      if (all == null) {
        throw new RedlockArgumentException("nodes: the list must not be null");
      }
      all.forEach(this::node);
      return this;
    }

    /** How long a lease lives on each node ({@code PX}). Default 10 s. */
    public Builder ttl(Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    /** Allowed clock-rate error between processes, as a fraction of the TTL. Default 0.01. */
    public Builder driftFactor(double driftFactor) {
      this.driftFactor = driftFactor;
      return this;
    }

    /** A lease is granted only if more validity than this remains. Default 0. */
    public Builder minValidity(Duration minValidity) {
      this.minValidity = minValidity;
      return this;
    }

    /** How long to wait for one node's answer; much smaller than the TTL. Default 100 ms. */
    public Builder nodeTimeout(Duration nodeTimeout) {
      this.nodeTimeout = nodeTimeout;
      return this;
    }

    /**
     * Randomized exponential backoff between attempts: first delay and cap. Defaults 20 ms, 500 ms.
     */
    public Builder retryBackoff(Duration base, Duration max) {
      this.retryBaseDelay = base;
      this.retryMaxDelay = max;
      return this;
    }

    public Builder fencing(FencingMode fencing) {
      this.fencing = fencing;
      return this;
    }

    /** Which node issues {@link FencingMode#SINGLE_NODE} tokens. Default 0, the first. */
    public Builder fencingNode(int index) {
      this.fencingNode = index;
      return this;
    }

    /** Renew held leases in the background and report a lost one. Default off. */
    public Builder watchdog(boolean enabled) {
      this.watchdog = enabled;
      return this;
    }

    /** Prefix of every key the client writes. Default {@code "redlock:"}. */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    public Builder maxConnectionsPerNode(int max) {
      this.maxConnectionsPerNode = max;
      return this;
    }

    /** Seed of the retry jitter. Default: a fresh random seed. */
    public Builder randomSeed(long seed) {
      this.randomSeed = seed;
      return this;
    }

    /** The monotonic clock. Default {@link MonotonicClock#system()}. */
    public Builder clock(MonotonicClock clock) {
      this.clock = clock;
      return this;
    }

    public Builder listener(RedlockListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Counts a node as {@code OK} only once {@code replicas} of its replicas acknowledged the
     * lease's write ({@code WAIT}); see {@link ReplicatedLease} for which writes, and for what it
     * does not guarantee. {@code waitTimeout} must be at most half the node timeout. Default off.
     */
    public Builder replicatedLease(int replicas, Duration waitTimeout) {
      this.replicatedLease = new ReplicatedLease(replicas, waitTimeout);
      return this;
    }

    public RedlockConfig build() {
      check(
          !nodes.isEmpty(),
          "nodes: at least one Redis node is required; add one with node(host, port)");
      Set<String> seen = new HashSet<>();
      for (LockNode node : nodes) {
        for (String identity : identities(node)) {
          check(
              seen.add(identity),
              "nodes: " + identity + " is listed twice; each node must be an independent master");
        }
      }
      requireTtl("ttl", ttl);
      check(
          driftFactor >= 0 && driftFactor < 0.5,
          "driftFactor: must be in [0, 0.5), was " + driftFactor);
      check(
          minValidity != null && !minValidity.isNegative(),
          "minValidity: must be >= 0, was " + minValidity);
      check(
          minValidity.compareTo(ttl) < 0,
          "minValidity: must be < ttl (" + ttl + "), was " + minValidity);
      check(
          nodeTimeout != null && nodeTimeout.toNanos() > 0,
          "nodeTimeout: must be > 0, was " + nodeTimeout);
      check(
          nodeTimeout.compareTo(ttl) < 0,
          "nodeTimeout: must be < ttl (" + ttl + "), was " + nodeTimeout);
      check(
          retryBaseDelay != null && retryBaseDelay.toNanos() > 0,
          "retryBackoff: base must be > 0, was " + retryBaseDelay);
      check(
          retryMaxDelay != null && retryMaxDelay.compareTo(retryBaseDelay) >= 0,
          "retryBackoff: max must be >= base (" + retryBaseDelay + "), was " + retryMaxDelay);
      check(fencing != null, "fencing: must not be null; use FencingMode.NONE for no token");
      check(
          fencingNode >= 0 && fencingNode < nodes.size(),
          "fencingNode: must index one of the " + nodes.size() + " nodes, was " + fencingNode);
      check(keyPrefix != null, "keyPrefix: must not be null");
      check(
          maxConnectionsPerNode > 0,
          "maxConnectionsPerNode: must be > 0, was " + maxConnectionsPerNode);
      check(clock != null, "clock: must not be null");
      check(listener != null, "listener: must not be null; use RedlockListener.NONE");
      if (replicatedLease != null) {
        checkReplicatedLease();
      }
      if (nodes.size() % 2 == 0) {
        log.warn(
            "{} nodes: an even count needs {} votes and tolerates no more failures than {} nodes",
            nodes.size(),
            majorityOf(nodes.size()),
            nodes.size() - 1);
      }
      return new RedlockConfig(this);
    }

    private void checkReplicatedLease() {
      int replicas = replicatedLease.replicas();
      Duration wait = replicatedLease.waitTimeout();
      check(replicas >= 1, "replicatedLease: replicas must be >= 1, was " + replicas);
      check(
          wait != null && wait.toMillis() >= 1,
          "replicatedLease: waitTimeout must be >= 1 ms (WAIT 0 would block forever), was " + wait);
      check(
          wait.multipliedBy(2).compareTo(nodeTimeout) <= 0,
          "replicatedLease: waitTimeout must be at most half the nodeTimeout ("
              + nodeTimeout
              + ") so that the write and the WAIT fit in it, was "
              + wait);
    }

    /** What makes two nodes the same: a server address, or a master name at one sentinel. */
    private static List<String> identities(LockNode node) {
      if (node instanceof SentinelNode sentinel) {
        return sentinel.sentinels().stream()
            .map(address -> "sentinel master '" + sentinel.masterName() + "' at " + address)
            .toList();
      }
      return List.of(node.address());
    }

    private static void check(boolean ok, String message) {
      if (!ok) {
        throw new RedlockArgumentException(message);
      }
    }
  }
}
