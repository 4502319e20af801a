package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.testkit.SentinelGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * A started topology: servers, the proxies between clients and servers, and everything needed to
 * stop them. {@link #close()} stops every child process and removes the run's proxies; it also runs
 * from a shutdown hook on Ctrl-C. (A SIGKILLed JVM's children die with it: see the testkit's
 * ManagedProcess.)
 *
 * <p>Node indices are 0-based and count the lock masters; client indices count the workload's
 * clients. Failover changes which server stands for a node: {@link #node(int)} is always the
 * current one, and the clients' proxies follow it.
 */
public final class RunningCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunningCluster.class);

  private final Topology topology;
  private final String backend;
  private final Set<Capability> capabilities;
  private final ServerHandle[] nodes;
  private final ServerHandle[] replicas;
  private final ServerHandle resource;
  private final List<ServerHandle> formerMasters = new ArrayList<>();
  private final Link[][] clientLinks;
  private final Link[] resourceLinks;
  private final Link[] replicationLinks;
  private final ClusterParts parts;
  private final SentinelGroup sentinelGroup;
  private final Thread shutdownHook;
  private boolean closed;

  RunningCluster(
      Topology topology, String backend, Set<Capability> capabilities, ClusterParts parts) {
    this.topology = topology;
    this.backend = backend;
    this.capabilities =
        capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    this.nodes = parts.masters.toArray(ServerHandle[]::new);
    this.replicas = parts.replicas.toArray(ServerHandle[]::new);
    this.resource = parts.resource;
    this.clientLinks =
        parts.clientLinks.stream().map(l -> l.toArray(Link[]::new)).toArray(Link[][]::new);
    this.resourceLinks = parts.resourceLinks.toArray(Link[]::new);
    this.replicationLinks = parts.replicationLinks.toArray(Link[]::new);
    this.parts = parts;
    this.sentinelGroup = parts.sentinelGroup;
    this.shutdownHook = new Thread(this::close, "cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public Topology topology() {
    return topology;
  }

  /** local, testcontainers or external. */
  public String backend() {
    return backend;
  }

  /** What the backend can do beyond routing traffic (input to the NemesisFactory). */
  public Set<Capability> capabilities() {
    return capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
  }

  // ---- for the runner ----

  /**
   * Client {@code client}'s view of the lock nodes, in node order: one proxy per node; under
   * Sentinel, its own links to the sentinels instead.
   */
  public List<RedisNode> lockNodes(int client) {
    if (sentinelGroup != null) {
      return sentinelLinks(client).sentinels().stream().map(Link::endpoint).toList();
    }
    return Arrays.stream(clientLinks[checkClient(client)]).map(Link::endpoint).toList();
  }

  /** Client {@code client}'s own links to the servers and sentinels of a Sentinel topology. */
  public SentinelLinks sentinelLinks(int client) {
    if (sentinelGroup == null) {
      throw new IllegalStateException(this + " has no sentinels");
    }
    return parts.sentinelLinks.get(checkClient(client));
  }

  /**
   * How client {@code client} reaches what the sentinels report ({@code host:port} reported to
   * {@code host:port} of its own link): each server's shared proxy and each sentinel's own address.
   * Empty outside Sentinel.
   */
  public Map<String, String> addressMap(int client) {
    if (sentinelGroup == null) {
      checkClient(client);
      return Map.of();
    }
    SentinelLinks links = sentinelLinks(client);
    Map<String, String> map = new LinkedHashMap<>();
    List<io.redlocklab.testkit.RedisNode> servers = sentinelGroup.servers();
    for (int i = 0; i < servers.size(); i++) {
      map.put(
          SentinelGroup.HOST + ":" + servers.get(i).proxyPort(),
          links.servers().get(i).endpoint().address());
    }
    for (Link sentinel : links.sentinels()) {
      map.put(sentinel.upstream().address().address(), sentinel.endpoint().address());
    }
    return map;
  }

  /** Client {@code client}'s way to the protected resource, through its own proxy. */
  public RedisNode resourceEndpoint(int client) {
    return resourceLinks[checkClient(client)].endpoint();
  }

  /** The name the sentinels know the master by, when this is a Sentinel topology. */
  public Optional<String> sentinelMaster() {
    return Optional.ofNullable(sentinelGroup).map(SentinelGroup::masterName);
  }

  /** Node {@code node}'s current server, un-proxied: for checks, never for the workload. */
  public RedisNode directNode(int node) {
    return node(node).address();
  }

  /** The protected resource, un-proxied. */
  public RedisNode directResource() {
    return resource.address();
  }

  /**
   * Pids of every live server process this cluster started (Toxiproxy included); empty when none.
   */
  public synchronized List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    parts.toxiproxyPid.ifPresent(pids::add);
    if (sentinelGroup != null) {
      pids.add(sentinelGroup.toxiproxy().pid());
      sentinelGroup.sentinels().forEach(sentinel -> pids.add(sentinel.pid()));
    }
    Stream.of(
            Arrays.stream(nodes),
            Arrays.stream(replicas),
            formerMasters.stream(),
            Stream.of(resource))
        .flatMap(s -> s)
        .filter(s -> s != null && s.pid().isPresent() && s.isAlive())
        .forEach(s -> pids.add(s.pid().getAsLong()));
    return pids;
  }

  // ---- for the nemeses ----

  /** The server that currently stands for lock node {@code node}. */
  public synchronized ServerHandle node(int node) {
    return nodes[checkNode(node)];
  }

  /**
   * The lock node that reports itself leader of its cluster now (etcd, ZooKeeper); empty while none
   * does (an election) and always for servers without a leader.
   */
  public OptionalInt leader() {
    for (int i = 0; i < topology.masters(); i++) {
      if (node(i).role().filter("leader"::equals).isPresent()) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** Node {@code node}'s replica, while it has one. */
  public synchronized Optional<ServerHandle> replica(int node) {
    return Optional.ofNullable(replicas.length == 0 ? null : replicas[checkNode(node)]);
  }

  public ServerHandle resource() {
    return resource;
  }

  public Link clientLink(int client, int node) {
    return clientLinks[checkClient(client)][checkNode(node)];
  }

  public Link resourceLink(int client) {
    return resourceLinks[checkClient(client)];
  }

  /** The master→replica link of node {@code node}, when replicas are on. */
  public Optional<Link> replicationLink(int node) {
    checkNode(node);
    return replicationLinks.length == 0 ? Optional.empty() : Optional.of(replicationLinks[node]);
  }

  /**
   * Makes node {@code node}'s replica its master: REPLICAOF NO ONE on the replica, then every
   * client's proxy for that node forwards to it. The old master is left as it is (the failover
   * nemesis kills it first). Afterwards the node has no replica.
   */
  public synchronized void promoteReplica(int node) {
    ServerHandle replica =
        replica(node)
            .orElseThrow(
                () -> new HarnessException("cannot promote node " + node + ": it has no replica"));
    try (Jedis jedis = Connections.open(replica.address(), 2_000)) {
      jedis.replicaofNoOne();
    } catch (RuntimeException e) {
      throw new HarnessException("cannot promote " + replica + ": " + e.getMessage(), e);
    }
    replica.promoted();
    for (Link[] links : clientLinks) {
      links[node].repoint(replica);
    }
    formerMasters.add(nodes[node]);
    nodes[node] = replica;
    replicas[node] = null;
    log.info("node {} failed over to {}", node, replica);
  }

  /** The sentinels, the two servers and their shared proxies, when this is a Sentinel topology. */
  public Optional<SentinelGroup> sentinelGroup() {
    return Optional.ofNullable(sentinelGroup);
  }

  /**
   * Records that Sentinel promoted node 0's replica: {@link #node(int)} is the new master and
   * {@link #replica(int)} the old one (Sentinel makes it a replica once it is back).
   */
  public synchronized void sentinelSwitched() {
    ServerHandle oldMaster = nodes[0];
    nodes[0] = replicas[0];
    replicas[0] = oldMaster;
    log.info("Sentinel failed node 0 over to {}", nodes[0]);
  }

  /** Stops every process and removes every proxy this cluster created. Idempotent; never throws. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself, or the JVM is exiting: nothing to remove.
    }
    parts.closeAll();
  }

  private int checkNode(int node) {
    if (node < 0 || node >= topology.masters()) {
      throw new IllegalArgumentException("node " + node + " not in 0.." + (topology.masters() - 1));
    }
    return node;
  }

  private int checkClient(int client) {
    if (client < 0 || client >= topology.clients()) {
      throw new IllegalArgumentException(
          "client " + client + " not in 0.." + (topology.clients() - 1));
    }
    return client;
  }

  @Override
  public String toString() {
    return backend + " cluster " + topology;
  }
}
