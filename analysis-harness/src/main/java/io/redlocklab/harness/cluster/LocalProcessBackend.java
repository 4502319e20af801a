package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import io.redlocklab.testkit.EtcdCluster;
import io.redlocklab.testkit.Persistence;
import io.redlocklab.testkit.PostgresServer;
import io.redlocklab.testkit.RedisServerProcess;
import io.redlocklab.testkit.RunDirs;
import io.redlocklab.testkit.SentinelGroup;
import io.redlocklab.testkit.ServerBinaries;
import io.redlocklab.testkit.ToxiproxyServerProcess;
import io.redlocklab.testkit.ZooKeeperEnsemble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * The default backend: {@code redis-server} and {@code toxiproxy-server} as child processes on
 * 127.0.0.1 ports reserved for this JVM (the testkit's FreePorts), in one run directory ({@code
 * n<i>/}, {@code n<i>-replica/}, {@code resource/}, {@code toxiproxy/}, {@code clock/}). Processes
 * are the testkit's, so they die with this JVM even when it is SIGKILLed. The run directory is a
 * temp dir named for this JVM (the testkit's RunDirs, which also removes those of dead JVMs),
 * deleted on close unless {@code REDLOCK_KEEP_RUN_DIRS} is set, or a given directory that is kept.
 * A ZooKeeper or PostgreSQL topology starts the testkit's ZooKeeperEnsemble (3 nodes, peer links
 * through its own Toxiproxy) or PostgresServer instead of the lock masters; the clients' per-node
 * proxies then lead to those servers' own ports.
 */
public final class LocalProcessBackend implements ClusterBackend {

  public static final String NAME = "local";

  private static final Logger log = LoggerFactory.getLogger(LocalProcessBackend.class);
  private static final long REPLICATION_TIMEOUT_NANOS = 10_000_000_000L;
  private static final java.time.Duration FAILOVER_TIMEOUT = java.time.Duration.ofMinutes(10);

  /** etcd's own settings for every member (see startEtcd). */
  static final Map<String, String> ETCD_ENV =
      Map.of("ETCD_HEARTBEAT_INTERVAL", "50", "ETCD_ELECTION_TIMEOUT", "500");

  private final Path runDir;

  /** Runs in a fresh temp dir, deleted on close. */
  public LocalProcessBackend() {
    this(null);
  }

  /** Runs in {@code runDir} (created when missing, kept on close), or a temp dir when null. */
  public LocalProcessBackend(Path runDir) {
    // Absolute: each server runs in its own directory, so a relative path would mean another place.
    this.runDir = runDir == null ? null : runDir.toAbsolutePath();
  }

  /** True when both server binaries are found (see the testkit's ServerBinaries). */
  public static boolean available() {
    return ServerBinaries.missing().isEmpty();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.allOf(Capability.class);
  }

  @Override
  public void check(Topology topology) {
    ServerBinaries.missing()
        .ifPresent(
            missing -> {
              throw new InputException("local backend: " + missing);
            });
    topology
        .server()
        .missing()
        .ifPresent(
            missing -> {
              throw new InputException("local backend: " + missing);
            });
    if (topology.serverClocks()) {
      try {
        ClockShim.checkCompiler();
      } catch (ClockShimException e) {
        throw new InputException("local backend: " + e.getMessage());
      }
    }
  }

  @Override
  public RunningCluster start(Topology topology) {
    check(topology);
    ClusterParts parts = new ClusterParts();
    try {
      Path dir = createRunDir();
      if (runDir == null) {
        parts.own(() -> RunDirs.deleteUnlessKept(dir));
      }
      ClockShim shim = topology.serverClocks() ? ClockShim.compile(dir.resolve("clock")) : null;
      ToxiproxyServerProcess toxiproxy =
          parts.own(ToxiproxyServerProcess.start(dir.resolve("toxiproxy")));
      parts.toxiproxyPid = OptionalLong.of(toxiproxy.pid());
      ClusterParts.LinkMaker links =
          (name, upstream) -> Link.onReservedPort(toxiproxy.admin(), name, upstream);

      if (topology.sentinel()) {
        startSentinelGroup(parts);
      }
      switch (topology.server()) {
        case ZOOKEEPER -> {
          ZooKeeperEnsemble ensemble = parts.own(ZooKeeperEnsemble.start());
          for (int node = 0; node < topology.masters(); node++) {
            parts.masters.add(new ZooKeeperNode(ensemble, node));
          }
        }
        case ETCD -> startEtcd(parts);
        case POSTGRES -> parts.masters.add(new PostgresNode(parts.own(PostgresServer.start())));
        case REDIS -> {
          for (int node = 0; node < (topology.sentinel() ? 0 : topology.masters()); node++) {
            parts.masters.add(
                startServer(parts, dir, "n" + node, topology.persistence(node), shim, null));
          }
        }
      }
      if (topology.replicas() && !topology.sentinel()) {
        for (int node = 0; node < topology.masters(); node++) {
          Link replication = links.make("repl-n" + node, parts.masters.get(node));
          parts.replicationLinks.add(replication);
          LocalServer replica =
              startServer(
                  parts,
                  dir,
                  "n" + node + "-replica",
                  Persistence.NONE,
                  shim,
                  replication.endpoint());
          awaitReplicationUp(replica);
          parts.replicas.add(replica);
        }
      }
      parts.resource = startServer(parts, dir, "resource", Persistence.NONE, null, null);
      parts.addClientLinks(topology, links);
      log.info("local cluster started in {}: {}", dir, topology);
      return new RunningCluster(topology, NAME, capabilities(), parts);
    } catch (RuntimeException e) {
      parts.closeAll();
      if (e instanceof HarnessException) {
        throw e;
      }
      throw new HarnessException(
          "local backend: cannot start " + topology + ": " + e.getMessage(), e);
    }
  }

  /**
   * The testkit's SentinelGroup as node 0 and its replica: its own Toxiproxy with one shared proxy
   * per redis-server that the sentinels use and report (each client gets links of its own to both
   * servers and the sentinels, see {@link ClusterParts#addClientLinks}). The replica is then moved
   * onto a replication link of its own ({@code repl-n0}), so that the replication stream can be cut
   * or slowed alone; Sentinel would move it back ({@code +fix-slave-config}) only after the
   * failover timeout, which is therefore longer than any run.
   */
  private static void startSentinelGroup(ClusterParts parts) {
    SentinelGroup group =
        parts.own(
            SentinelGroup.start(
                SentinelGroup.Options.defaults().failoverTimeout(FAILOVER_TIMEOUT)));
    parts.sentinelGroup = group;
    List<io.redlocklab.testkit.RedisNode> servers = group.servers();
    LocalServer master = new LocalServer("n0", servers.get(0).server(), null);
    LocalServer replica = new LocalServer("n0-replica", servers.get(1).server(), null);
    Link replication =
        Link.create(group.toxiproxy().admin(), "repl-n0", ToxiproxyServerProcess.HOST, master);
    try (Jedis jedis = Connections.open(replica.address(), 2_000)) {
      jedis.replicaof(replication.endpoint().host(), replication.endpoint().port());
    }
    awaitReplicationUp(replica);
    parts.masters.add(master);
    parts.replicas.add(replica);
    parts.replicationLinks.add(replication);
  }

  /**
   * The testkit's EtcdCluster as nodes 0..2: the harness's client proxies go to each member's own
   * client port; raft traffic passes the cluster's own peer proxies. Heartbeat 50 ms and election
   * timeout 500 ms (etcd's environment settings) bring etcd's minimum lease TTL, 1.5 election
   * timeouts rounded up to a second, down to 1 s, so a 1 s scenario TTL is granted as asked.
   */
  private static void startEtcd(ClusterParts parts) {
    EtcdCluster cluster = parts.own(EtcdCluster.start(ETCD_ENV));
    for (int i = 0; i < EtcdCluster.SIZE; i++) {
      parts.masters.add(new EtcdMember(cluster, i));
    }
  }

  private Path createRunDir() {
    try {
      return runDir == null ? RunDirs.create("cluster") : Files.createDirectories(runDir);
    } catch (IOException | UncheckedIOException e) {
      throw new HarnessException("local backend: cannot create the run directory: " + e, e);
    }
  }

  private static LocalServer startServer(
      ClusterParts parts,
      Path dir,
      String name,
      Persistence persistence,
      ClockShim shim,
      RedisNode replicaOf) {
    Path serverDir = dir.resolve(name);
    ServerClock clock = shim == null ? null : shim.newClock(serverDir.resolve("clock"));
    var options =
        RedisServerProcess.Options.defaults()
            .dir(serverDir)
            .persistence(persistence)
            .extraEnv(clock == null ? Map.of() : clock.environment());
    if (replicaOf != null) {
      options = options.replicaOf(replicaOf.host(), replicaOf.port());
    }
    return parts.own(new LocalServer(name, RedisServerProcess.start(options), clock));
  }

  static void awaitReplicationUp(ServerHandle replica) {
    long deadline = System.nanoTime() + REPLICATION_TIMEOUT_NANOS;
    String last = "";
    while (System.nanoTime() - deadline < 0) {
      try (Jedis jedis = Connections.open(replica.address(), 1_000)) {
        last = jedis.info("replication");
        if (last.contains("master_link_status:up")) {
          return;
        }
      } catch (RuntimeException e) {
        last = e.toString();
      }
      sleep(20);
    }
    throw new HarnessException(
        replica + ": replication link not up within 10 s: " + last.replace("\r\n", " "));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted", e);
    }
  }
}
