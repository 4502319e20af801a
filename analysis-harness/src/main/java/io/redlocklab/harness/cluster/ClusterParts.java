package io.redlocklab.harness.cluster;

import io.redlocklab.testkit.SentinelGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a backend has started so far, in start order. When start-up fails half-way the backend calls
 * {@link #closeAll()}, so nothing outlives a failed start.
 */
final class ClusterParts {

  private static final Logger log = LoggerFactory.getLogger(ClusterParts.class);

  /** Makes the proxy {@code name} forwarding to {@code upstream}. */
  @FunctionalInterface
  interface LinkMaker {
    Link make(String name, ServerHandle upstream);
  }

  final List<ServerHandle> masters = new ArrayList<>();
  final List<ServerHandle> replicas = new ArrayList<>();
  final List<Link> replicationLinks = new ArrayList<>();
  final List<List<Link>> clientLinks = new ArrayList<>();
  final List<Link> resourceLinks = new ArrayList<>();
  final List<SentinelLinks> sentinelLinks = new ArrayList<>();
  ServerHandle resource;
  SentinelGroup sentinelGroup;
  OptionalLong toxiproxyPid = OptionalLong.empty();

  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** Registers something to close with the cluster (closed in reverse order). */
  <T extends AutoCloseable> T own(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  /** One proxy per (client, node) and per (client, resource). */
  void addClientLinks(Topology topology, LinkMaker maker) {
    for (int client = 0; client < topology.clients(); client++) {
      List<Link> links = new ArrayList<>();
      // Under Sentinel a client goes where the sentinels send it: its own links (sentinelLinks)
      // are reached through its address map, not by node index.
      for (int node = 0; node < (topology.sentinel() ? 0 : topology.masters()); node++) {
        links.add(maker.make("c" + client + "-n" + node, masters.get(node)));
      }
      clientLinks.add(links);
      resourceLinks.add(maker.make("c" + client + "-resource", resource));
      if (topology.sentinel()) {
        sentinelLinks.add(sentinelLinks(client, maker));
      }
    }
  }

  /** Client {@code client}'s own links to both redis-servers and to every sentinel. */
  private SentinelLinks sentinelLinks(int client, LinkMaker maker) {
    List<Link> servers = new ArrayList<>();
    servers.add(maker.make("c" + client + "-n0", masters.get(0)));
    servers.add(maker.make("c" + client + "-n0-replica", replicas.get(0)));
    List<Link> sentinels = new ArrayList<>();
    for (int i = 0; i < sentinelGroup.sentinels().size(); i++) {
      String name = "c" + client + "-sentinel-" + i;
      sentinels.add(
          maker.make(name, new SentinelServer("sentinel-" + i, sentinelGroup.sentinels().get(i))));
    }
    return new SentinelLinks(servers, sentinels);
  }

  /** Closes everything in reverse start order; logs and goes on past failures. */
  void closeAll() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        log.warn("cannot close {}: {}", closeables.get(i), e.toString());
      }
    }
    closeables.clear();
  }
}
