package io.redlocklab.testkit;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * A Sentinel-managed pair on 127.0.0.1: one master, one replica and three {@code redis-sentinel}
 * processes, with one Toxiproxy proxy in front of each redis-server.
 *
 * <p>Every address Sentinel knows is a proxy address: the sentinels monitor the master through its
 * proxy, each server announces its proxy port to its master ({@code replica-announce-ip/port}), so
 * Sentinel discovers the replica, promotes it and reports it to clients by its proxy, and the
 * replica replicates through the master's proxy. Disabling a server's proxy therefore cuts it off
 * from the sentinels, the clients and its replica at once. The sentinels talk to each other
 * directly, each announcing its own port.
 *
 * <p>Every process stops on {@link #close()}, on a failed start, and when this JVM dies (see {@link
 * ManagedProcess}).
 */
public final class SentinelGroup implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final int SENTINELS = 3;

  private static final Logger log = LoggerFactory.getLogger(SentinelGroup.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final long POLL_MILLIS = 20;

  private final Options options;
  private final Path runDir;
  private final ToxiproxyServerProcess toxiproxy;
  private final List<RedisNode> servers;
  private final List<RedisSentinelProcess> sentinels;
  private boolean closed;

  private SentinelGroup(
      Options options,
      Path runDir,
      ToxiproxyServerProcess toxiproxy,
      List<RedisNode> servers,
      List<RedisSentinelProcess> sentinels) {
    this.options = options;
    this.runDir = runDir;
    this.toxiproxy = toxiproxy;
    this.servers = List.copyOf(servers);
    this.sentinels = List.copyOf(sentinels);
  }

  public static SentinelGroup start() {
    return start(Options.defaults());
  }

  /**
   * Starts toxiproxy, the master ({@code redis-0}), the replica ({@code redis-1}) and the
   * sentinels, and returns once every sentinel sees the master, its replica and the two other
   * sentinels.
   */
  public static SentinelGroup start(Options options) {
    Path runDir = RunDirs.create("sentinel");
    List<AutoCloseable> started = new ArrayList<>();
    try {
      ToxiproxyServerProcess toxiproxy = ToxiproxyServerProcess.start(runDir.resolve("toxiproxy"));
      started.add(toxiproxy);
      RedisNode master = startServer(toxiproxy, runDir, "redis-0", null, started);
      RedisNode replica = startServer(toxiproxy, runDir, "redis-1", master, started);
      awaitReplicationUp(replica);
      List<RedisSentinelProcess> sentinels = new ArrayList<>();
      for (int i = 0; i < SENTINELS; i++) {
        RedisSentinelProcess sentinel =
            RedisSentinelProcess.start(
                runDir.resolve("sentinel-" + i), options, master.proxyPort());
        started.add(sentinel);
        sentinels.add(sentinel);
      }
      SentinelGroup group =
          new SentinelGroup(options, runDir, toxiproxy, List.of(master, replica), sentinels);
      group.awaitDiscovery();
      log.debug("started sentinel group {} in {}", options.masterName(), runDir);
      return group;
    } catch (RuntimeException e) {
      started.forEach(SentinelGroup::closeQuietly);
      RunDirs.deleteUnlessKept(runDir);
      throw e;
    }
  }

  /**
   * The proxy comes first, so the server can announce the proxy's port from its first start (also
   * after a restart); the proxy is then pointed at the server's own port.
   */
  private static RedisNode startServer(
      ToxiproxyServerProcess toxiproxy,
      Path runDir,
      String name,
      RedisNode master,
      List<AutoCloseable> started) {
    try {
      ToxiproxyAdmin admin = toxiproxy.admin();
      Proxy proxy = Proxies.create(admin, name, HOST + ":1");
      int proxyPort = Proxies.port(proxy);
      RedisServerProcess.Options server =
          RedisServerProcess.Options.defaults()
              .dir(runDir.resolve(name))
              .extraArgs(
                  List.of(
                      "--replica-announce-ip",
                      HOST,
                      "--replica-announce-port",
                      Integer.toString(proxyPort)));
      if (master != null) {
        server = server.replicaOf(HOST, master.proxyPort());
      }
      RedisServerProcess process = RedisServerProcess.start(server);
      started.add(process);
      String upstream = HOST + ":" + process.port();
      admin.run("set upstream of " + name + " to " + upstream, () -> proxy.setUpstream(upstream));
      return new RedisNode(name, process, admin, proxyPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create proxy " + name + ": " + e.getMessage(), e);
    }
  }

  public String masterName() {
    return options.masterName();
  }

  public Options options() {
    return options;
  }

  /** Both redis-servers: {@code redis-0} started as the master, {@code redis-1} as its replica. */
  public List<RedisNode> servers() {
    return servers;
  }

  public List<RedisSentinelProcess> sentinels() {
    return sentinels;
  }

  /** The sentinels' ports on {@link #HOST}, what a client is configured with. */
  public List<Integer> sentinelPorts() {
    return sentinels.stream().map(RedisSentinelProcess::port).toList();
  }

  public ToxiproxyServerProcess toxiproxy() {
    return toxiproxy;
  }

  public Path runDir() {
    return runDir;
  }

  /**
   * The server a majority of the sentinels report as master right now.
   *
   * @throws IllegalStateException when no majority agrees (a failover may be under way)
   */
  public RedisNode master() {
    return reportedMaster()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no majority of sentinels agrees on a master of "
                        + masterName()
                        + ": "
                        + reports()));
  }

  /** The other server of the pair. */
  public RedisNode other(RedisNode server) {
    return servers.get(0) == server ? servers.get(1) : servers.get(0);
  }

  /** SIGKILLs the current master (see {@link #heal()} to bring it back). */
  public MasterFault killMaster() {
    RedisNode master = master();
    master.server().kill();
    return new MasterFault(master, System.nanoTime());
  }

  /** SIGSTOPs the current master: it keeps its sockets but answers nothing. */
  public MasterFault pauseMaster() {
    RedisNode master = master();
    master.server().pause();
    return new MasterFault(master, System.nanoTime());
  }

  /**
   * Disables the current master's proxy: the sentinels, the clients and the replica lose it; the
   * server itself keeps running with its data.
   */
  public MasterFault isolateMaster() {
    RedisNode master = master();
    setEnabled(master, false);
    return new MasterFault(master, System.nanoTime());
  }

  /**
   * Waits until a majority of the sentinels report the other server as master and that server says
   * it is one. The time is counted from the fault, on {@link System#nanoTime()}.
   *
   * @throws IllegalStateException when that does not happen within {@code timeout}
   */
  public Promotion awaitPromotion(MasterFault fault, Duration timeout) {
    RedisNode promoted = other(fault.oldMaster());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (reportedMaster().orElse(null) == promoted && isMaster(promoted)) {
        return new Promotion(
            promoted, Duration.ofNanos(System.nanoTime() - fault.injectedAtNanos()));
      }
      ManagedProcess.sleepQuietly(POLL_MILLIS);
    }
    throw new IllegalStateException(
        "sentinels did not promote "
            + promoted.name()
            + " within "
            + timeout.toMillis()
            + " ms after "
            + fault.oldMaster().name()
            + " failed; they report "
            + reports()
            + "\n"
            + sentinels.get(0).logTail());
  }

  /**
   * Ends every fault: proxies enabled, paused servers resumed, killed ones restarted (an old master
   * comes back empty and Sentinel turns it into a replica of the new one).
   */
  public void heal() {
    for (RedisNode server : servers) {
      setEnabled(server, true);
      if (server.server().isPaused()) {
        server.server().resume();
      }
      if (!server.server().isAlive()) {
        server.server().restart();
      }
    }
  }

  /**
   * Stops every process and deletes the run dir (unless REDLOCK_KEEP_RUN_DIRS is set). Never
   * throws.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sentinels.forEach(SentinelGroup::closeQuietly);
    servers.forEach(server -> closeQuietly(server.server()));
    closeQuietly(toxiproxy);
    RunDirs.deleteUnlessKept(runDir);
  }

  @Override
  public String toString() {
    return "SentinelGroup["
        + masterName()
        + ", "
        + servers
        + ", sentinels "
        + sentinelPorts()
        + "]";
  }

  // ---- helpers ----

  private Optional<RedisNode> reportedMaster() {
    Map<RedisNode, Integer> votes = new HashMap<>();
    for (RedisSentinelProcess sentinel : sentinels) {
      sentinel
          .reportedMasterPort(masterName())
          .flatMap(this::serverAtProxyPort)
          .ifPresent(server -> votes.merge(server, 1, Integer::sum));
    }
    return votes.entrySet().stream()
        .filter(vote -> vote.getValue() > SENTINELS / 2)
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private Optional<RedisNode> serverAtProxyPort(int port) {
    return servers.stream().filter(server -> server.proxyPort() == port).findFirst();
  }

  private List<String> reports() {
    return sentinels.stream()
        .map(
            sentinel ->
                sentinel.port()
                    + "->"
                    + sentinel.reportedMasterPort(masterName()).map(String::valueOf).orElse("?"))
        .toList();
  }

  private void awaitDiscovery() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Map<String, String> state = Map.of();
    while (System.nanoTime() - deadline < 0) {
      boolean ready = true;
      for (RedisSentinelProcess sentinel : sentinels) {
        state = sentinel.masterState(masterName());
        ready &=
            "master".equals(state.get("flags"))
                && "1".equals(state.get("num-slaves"))
                && Integer.toString(SENTINELS - 1).equals(state.get("num-other-sentinels"));
      }
      if (ready) {
        return;
      }
      ManagedProcess.sleepQuietly(50);
    }
    throw new IllegalStateException(
        "sentinels did not discover the master, its replica and each other within "
            + READY_TIMEOUT.toSeconds()
            + " s; last state "
            + state
            + "\n"
            + sentinels.get(0).logTail());
  }

  private static void awaitReplicationUp(RedisNode replica) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!"up".equals(replicationField(replica, "master_link_status"))) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            replica.name() + " did not connect to its master within " + READY_TIMEOUT.toSeconds());
      }
      ManagedProcess.sleepQuietly(POLL_MILLIS);
    }
  }

  private static boolean isMaster(RedisNode server) {
    return "master".equals(replicationField(server, "role"));
  }

  /**
   * A field of the server's own {@code INFO replication}, asked directly; null when unreachable.
   */
  static String replicationField(RedisNode server, String field) {
    try (Jedis jedis = server.direct()) {
      String prefix = field + ":";
      return jedis
          .info("replication")
          .lines()
          .filter(line -> line.startsWith(prefix))
          .map(line -> line.substring(prefix.length()).trim())
          .findFirst()
          .orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void setEnabled(RedisNode server, boolean enabled) {
    try {
      Proxy proxy = server.proxy();
      if (proxy.isEnabled() != enabled) {
        server
            .toxiproxy()
            .run(
                (enabled ? "enable " : "disable ") + server.name(),
                enabled ? proxy::enable : proxy::disable);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot switch proxy " + server.name() + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("cannot close {}: {}", closeable, e.toString());
    }
  }

  /** A fault on the master: which server had it, and when (on {@link System#nanoTime()}). */
  public record MasterFault(RedisNode oldMaster, long injectedAtNanos) {}

  /** The server Sentinel promoted, and how long after the fault it was master everywhere. */
  public record Promotion(RedisNode newMaster, Duration took) {}

  /**
   * Sentinel settings: the master's name, the quorum of sentinels that must agree it is down, how
   * long it must be silent first, and the failover timeout (also the pause between two failovers of
   * the same master, which is twice this).
   */
  public record Options(
      String masterName, int quorum, Duration downAfter, Duration failoverTimeout) {

    public Options {
      Objects.requireNonNull(masterName, "masterName");
      if (quorum < 1 || quorum > SENTINELS) {
        throw new IllegalArgumentException("quorum must be in 1.." + SENTINELS + ": " + quorum);
      }
      if (downAfter.toMillis() < 1 || failoverTimeout.toMillis() < 1) {
        throw new IllegalArgumentException("downAfter and failoverTimeout must be >= 1 ms");
      }
    }

    /** Master {@code redlock}, quorum 2 of 3, down after 1 s, failover timeout 3 s. */
    public static Options defaults() {
      return new Options("redlock", 2, Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    public Options downAfter(Duration downAfter) {
      return new Options(masterName, quorum, downAfter, failoverTimeout);
    }

    public Options failoverTimeout(Duration failoverTimeout) {
      return new Options(masterName, quorum, downAfter, failoverTimeout);
    }
  }
}
