package io.redlocklab.harness.cluster;

import java.util.List;

/**
 * One client's own way into a Sentinel topology: a link to each redis-server, in the group's order
 * ({@code redis-0} started as the master, {@code redis-1} as its replica), and one to each
 * sentinel. The sentinels report every server by its shared proxy; the client's address map turns
 * those addresses into its own links, so a fault can cut one client off a server (or off the
 * sentinels) and leave the others be.
 */
public record SentinelLinks(List<Link> servers, List<Link> sentinels) {

  public SentinelLinks {
    servers = List.copyOf(servers);
    sentinels = List.copyOf(sentinels);
  }
}
