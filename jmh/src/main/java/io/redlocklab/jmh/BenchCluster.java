package io.redlocklab.jmh;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redlocklab.testkit.RedisNode;
import io.redlocklab.testkit.RedisNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The servers of one benchmark trial: {@code n} real redis-servers, each behind its own Toxiproxy
 * proxy (started and stopped by the testkit), optionally with a downstream latency toxic on every
 * proxy. Every variant of one comparison connects through the same {@link Path}.
 */
public final class BenchCluster implements AutoCloseable {

  /** How clients reach the nodes. */
  public enum Path {
    /** Through each node's Toxiproxy proxy (with or without a latency toxic). */
    PROXY,
    /** Straight to redis-server; no toxic possible. */
    DIRECT
  }

  private final RedisNodes nodes;
  private final Path path;

  private BenchCluster(RedisNodes nodes, Path path) {
    this.nodes = nodes;
    this.path = path;
  }

  /**
   * Starts {@code count} nodes; with {@code latencyMs > 0} adds a {@code latency} toxic
   * (downstream, no jitter) to every proxy and checks that a PING through each proxy now takes at
   * least that long.
   */
  public static BenchCluster start(int count, int latencyMs, Path path) {
    if (latencyMs > 0 && path != Path.PROXY) {
      throw new IllegalArgumentException("latency can only be injected on the proxy path");
    }
    RedisNodes nodes = RedisNodes.start(count);
    BenchCluster cluster = new BenchCluster(nodes, path);
    try {
      for (RedisNode node : nodes.nodes()) {
        if (latencyMs > 0) {
          node.proxy()
              .toxics()
              .latency("latency", ToxicDirection.DOWNSTREAM, latencyMs)
              .setJitter(0);
        }
        cluster.verify(node, latencyMs);
      }
      return cluster;
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException("cannot add the latency toxic", e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void verify(RedisNode node, int latencyMs) {
    try (Jedis jedis = path == Path.PROXY ? node.proxied() : node.direct()) {
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        if (!"PONG".equals(jedis.ping())) {
          throw new IllegalStateException(node + " did not answer PING");
        }
        best = Math.min(best, System.nanoTime() - start);
      }
      if (best < TimeUnit.MILLISECONDS.toNanos(latencyMs)) {
        throw new IllegalStateException(
            node
                + ": PING took "
                + best / 1000
                + " us, less than the injected "
                + latencyMs
                + " ms; the latency toxic is not in effect");
      }
    }
  }

  public int size() {
    return nodes.size();
  }

  /** Where clients connect, in node order. */
  public List<HostAndPort> endpoints() {
    return nodes.nodes().stream()
        .map(n -> new HostAndPort(n.host(), path == Path.PROXY ? n.proxyPort() : n.directPort()))
        .toList();
  }

  public HostAndPort endpoint(int i) {
    return endpoints().get(i);
  }

  /** Stops every redis-server and the toxiproxy-server. */
  @Override
  public void close() {
    nodes.close();
  }
}
