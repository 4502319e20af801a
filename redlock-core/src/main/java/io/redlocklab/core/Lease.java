package io.redlocklab.core;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A held lease on one resource. Valid while {@link #remainingValidity()} is positive, measured on
 * the client's monotonic clock; after that another client may hold the resource. Closing it
 * releases it; releasing twice, or after expiry, is harmless.
 *
 * <p>A lease cannot stop its holder from acting late. Before each use of the protected resource,
 * check {@link #remainingValidity()}, and pass {@link #fencingToken()} to a resource that rejects
 * stale tokens when correctness matters.
 */
public final class Lease implements AutoCloseable {

  private final Redlock client;
  private final String resource;
  private final String value;
  private final Long token;
  private final Round acquireRound;
  private final List<NodeOutcome> nodeOutcomes;
  private final CompletableFuture<LeaseExpiredException> lost = new CompletableFuture<>();
  private volatile long validUntilNanos;
  private volatile boolean released;

  Lease(
      Redlock client,
      String resource,
      String value,
      Long token,
      long validUntilNanos,
      Round acquireRound) {
    this.client = client;
    this.resource = resource;
    this.value = value;
    this.token = token;
    this.validUntilNanos = validUntilNanos;
    this.acquireRound = acquireRound;
    this.nodeOutcomes = acquireRound.outcomes();
  }

  public String resource() {
    return resource;
  }

  /** The random value (128 bits, hex) stored on the nodes; unique to this acquisition. */
  public String value() {
    return value;
  }

  /** The fencing token, if the client was configured with a {@link FencingMode} other than NONE. */
  public OptionalLong fencingToken() {
    return token == null ? OptionalLong.empty() : OptionalLong.of(token);
  }

  /** Validity left on the client's monotonic clock; zero once expired. */
  public Duration remainingValidity() {
    return Duration.ofNanos(Math.max(0, validUntilNanos - client.clock().nanoTime()));
  }

  /** Positive validity, not released, not lost. */
  public boolean isValid() {
    return !released && !lost.isDone() && validUntilNanos - client.clock().nanoTime() > 0;
  }

  /**
   * The monotonic instant ({@link MonotonicClock#nanoTime()}) at which the lease stops being valid.
   */
  public long validUntilNanos() {
    return validUntilNanos;
  }

  /** What each node answered to the acquisition, in node order. */
  public List<NodeOutcome> nodeOutcomes() {
    return nodeOutcomes;
  }

  /**
   * Completes when the watchdog gives the lease up; never completes for a lease released normally.
   */
  public CompletionStage<LeaseExpiredException> whenLost() {
    return lost.minimalCompletionStage();
  }

  /**
   * Deletes the lease on every node where it still holds this lease's value. Safe to call again and
   * after expiry; never throws for those.
   *
   * @return how many nodes deleted it now
   */
  public int release() {
    released = true;
    return client.release(this);
  }

  public CompletableFuture<Integer> releaseAsync() {
    return client.async(this::release);
  }

  /**
   * Resets the lease's TTL to {@code ttl} on every node that still holds it. Succeeds only with a
   * quorum and validity left; never revives an expired lease or touches another holder's. A shorter
   * TTL than what is left shortens the lease.
   *
   * <p>The lease never claims more than the nodes back. Every node that applied the new TTL keeps
   * the key until at least {@code start + ttl}, and the request may have landed on nodes whose
   * answer was lost, so after a failed extend the validity is {@code min(old end, start + ttl -
   * drift)}: a failed extend with a long TTL leaves the lease as it was, one with a short TTL
   * shortens it.
   *
   * @param ttl the new lifetime on each node, in (0, 1 day]
   * @return the new remaining validity
   * @throws RedlockArgumentException {@code ttl} is null, not positive or above one day; nothing
   *     was sent
   * @throws LeaseExpiredException expired, released, no quorum or too little validity left; the
   *     validity is then as described above
   */
  public synchronized Duration extend(Duration ttl) {
    RedlockConfig.requireTtl("ttl", ttl);
    if (released) {
      throw new LeaseExpiredException(
          "'" + resource + "': lease was released; acquire a new one", List.of());
    }
    try {
      validUntilNanos = client.extend(this, ttl);
      client.extended(this);
      return remainingValidity();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeaseExpiredException("'" + resource + "': interrupted while extending", List.of());
    }
  }

  public CompletableFuture<Duration> extendAsync(Duration ttl) {
    return client.async(() -> extend(ttl));
  }

  /** Releases the lease unless it was already released. */
  @Override
  public void close() {
    if (!released) {
      release();
    }
  }

  boolean isReleased() {
    return released;
  }

  Round acquireRound() {
    return acquireRound;
  }

  /** Lowers the validity to end no later than {@code untilNanos}; never raises it. */
  synchronized void limitValidity(long untilNanos) {
    validUntilNanos = Math.min(validUntilNanos, untilNanos);
  }

  /**
   * Takes the verdict of a watchdog renewal ({@link BatchExtension}) that was sent while the lease
   * was valid until {@code before}; {@code after} is the validity a success grants. An extend of
   * this lease that finished meanwhile may have reached the nodes before or after the renewal, so
   * then only the lower of the two validities holds. A failed renewal never raises the validity,
   * and lowers it to {@code after} if it was above (its PEXPIREs may have landed on some nodes).
   */
  synchronized void renewed(long before, long after, boolean extended) {
    if (released) {
      return;
    }
    validUntilNanos =
        extended && validUntilNanos == before ? after : Math.min(validUntilNanos, after);
    if (extended) {
      client.extended(this);
    }
  }

  void markLost(LeaseExpiredException reason) {
    if (lost.complete(reason)) {
      client.leaseLost(this, reason);
    }
  }

  @Override
  public String toString() {
    return "Lease["
        + resource
        + ", value="
        + value
        + (token == null ? "" : ", token=" + token)
        + ", remaining="
        + remainingValidity().toMillis()
        + "ms]";
  }
}
