package io.redlocklab.harness.lockclient.zookeeper;

import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.lockclient.HeldLease;
import io.redlocklab.harness.lockclient.LockClient;
import io.redlocklab.harness.lockclient.LockClientContext;
import io.redlocklab.harness.lockclient.LockClientFactory;
import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.lockclient.LockRefusedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.data.Stat;

/**
 * Apache Curator's {@code InterProcessMutex} on a ZooKeeper ensemble: one Curator client (one
 * ZooKeeper session, timeout = the scenario's TTL) per workload client.
 *
 * <p>The lease is the session: its ephemeral lock node lives until release or until the ensemble
 * expires the session. The holder believes it holds the lock until it releases, unless Curator
 * reports the connection SUSPENDED or LOST first: Curator's documentation says a client must then
 * assume it no longer holds the lock, because it cannot know whether the session still lives. That
 * notice is reported through {@code LeaseEvents.lost}. Nothing else bounds the belief: a holder
 * whose whole JVM stops (a GC pause) hears nothing until it runs again.
 *
 * <p>The fencing token is the lock node's {@code czxid}, the zxid of the transaction that created
 * it. zxids are totally ordered across the whole ensemble and survive leader changes (epoch in the
 * high 32 bits), so a later grant always has a larger token. The node's sequence number is not
 * used: it counts only within its parent, and Curator makes the parent a container node that
 * ZooKeeper deletes once empty, after which the count starts again at 0.
 */
public final class ZooKeeperLockClient implements LockClient {

  /** Under this root every resource gets its lock parent. */
  static final String ROOT = "/redlocklab/locks/";

  private static final int BASE_RETRY_MILLIS = 10;
  private static final int RETRIES = 3;

  private final CuratorFramework curator;
  private final boolean fenced;
  private final LockClientContext context;
  private final Map<String, Mutex> mutexes = new ConcurrentHashMap<>();
  private final Set<Held> held = ConcurrentHashMap.newKeySet();

  private ZooKeeperLockClient(LockClientContext context, boolean fenced) {
    this.context = context;
    this.fenced = fenced;
    int ttl = Math.toIntExact(context.ttl().toMillis());
    this.curator =
        CuratorFrameworkFactory.builder()
            .connectString(connectString(context.servers()))
            .sessionTimeoutMs(ttl)
            .connectionTimeoutMs(ttl)
            .retryPolicy(new ExponentialBackoffRetry(BASE_RETRY_MILLIS, RETRIES))
            .build();
    curator.getConnectionStateListenable().addListener((client, state) -> onState(state));
    curator.start();
  }

  /** What this client can take part in: no injected clock, no during-acquire hook. */
  public static LockClientTraits traits(boolean fenced) {
    // The session's heartbeats are its watchdog: they run on ZooKeeper's own threads.
    return new LockClientTraits(false, LockClientTraits.workloadPausePoints(), fenced, true);
  }

  public static LockClientFactory factory(boolean fenced) {
    return context -> new ZooKeeperLockClient(context, fenced);
  }

  static String connectString(List<Endpoint> servers) {
    return servers.stream().map(Endpoint::toString).collect(Collectors.joining(","));
  }

  @Override
  public HeldLease acquire(String resource, Duration wait) {
    Mutex mutex = mutexes.computeIfAbsent(resource, r -> new Mutex(curator, ROOT + r));
    boolean granted;
    try {
      granted = mutex.acquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new LockRefusedException(
          e.getClass().getSimpleName() + ": " + e.getMessage(), List.of(state()));
    }
    if (!granted) {
      throw new LockRefusedException(
          "LockTimeout: not granted within " + wait.toMillis() + " ms", List.of(state()));
    }
    String path = mutex.lockPath();
    Stat stat;
    try {
      stat = curator.checkExists().forPath(path);
    } catch (Exception e) {
      stat = null;
    }
    if (stat == null) {
      releaseQuietly(mutex);
      throw new LockRefusedException(
          "LockNodeGone: " + path + " not readable after the grant", List.of(state()));
    }
    Held lease = new Held(mutex, path, stat.getCzxid());
    held.add(lease);
    if (!curator.getZookeeperClient().isConnected()) {
      lease.markLost("connection not connected right after the grant");
    }
    return lease;
  }

  private void onState(ConnectionState state) {
    if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
      for (Held lease : held) {
        lease.markLost("Curator reports the connection " + state);
      }
    }
  }

  private String state() {
    return "zookeeper "
        + connectString(context.servers())
        + ": "
        + (curator.getZookeeperClient().isConnected() ? "connected" : "not connected");
  }

  private static void releaseQuietly(Mutex mutex) {
    try {
      mutex.release();
    } catch (Exception e) {
      // The session is gone or going: the ephemeral node goes with it.
    }
  }

  @Override
  public void close() {
    held.clear();
    curator.close();
  }

  /** InterProcessMutex with its lock node's path in reach. */
  private static final class Mutex extends InterProcessMutex {
    Mutex(CuratorFramework client, String path) {
      super(client, path);
    }

    String lockPath() {
      String path = getLockPath();
      if (path == null) {
        throw new HarnessException("Curator granted the lock without a lock node");
      }
      return path;
    }
  }

  private final class Held implements HeldLease {
    private final Mutex mutex;
    private final String path;
    private final long czxid;
    private volatile boolean lost;

    Held(Mutex mutex, String path, long czxid) {
      this.mutex = mutex;
      this.path = path;
      this.czxid = czxid;
    }

    void markLost(String why) {
      if (!lost) {
        lost = true;
        context.events().lost(value(), token(), why);
      }
    }

    @Override
    public String value() {
      // czxid is unique to one node ever created in the ensemble.
      return "zk-" + Long.toHexString(czxid) + path.substring(path.lastIndexOf('/'));
    }

    @Override
    public Long token() {
      return fenced ? czxid : null;
    }

    @Override
    public long believedUntilNanos() {
      return UNTIL_RELEASE;
    }

    @Override
    public boolean lost() {
      return lost;
    }

    @Override
    public List<String> acquireDetail() {
      return List.of(state() + ", lock node " + path + " czxid 0x" + Long.toHexString(czxid));
    }

    @Override
    public String release() {
      held.remove(this);
      try {
        mutex.release();
        // Curator ignores a node that is already gone (its session expired).
        return (lost ? "after the loss notice, released " : "deleted ") + path;
      } catch (Exception e) {
        return "release failed (" + e.getClass().getSimpleName() + "): " + e.getMessage();
      }
    }
  }
}
