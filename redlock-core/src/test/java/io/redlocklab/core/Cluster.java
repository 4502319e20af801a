package io.redlocklab.core;

import io.redlocklab.testkit.RedisNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.Jedis;

/** Test-side view of the real nodes: clients go through the proxies, checks go direct. */
final class Cluster {

  private final RedisNodes nodes;

  Cluster(RedisNodes nodes) {
    this.nodes = nodes;
  }

  int size() {
    return nodes.size();
  }

  /** A client config with every node reached through its Toxiproxy proxy. */
  RedlockConfig.Builder config() {
    RedlockConfig.Builder builder = RedlockConfig.builder().randomSeed(1);
    for (int i = 0; i < nodes.size(); i++) {
      builder.node("127.0.0.1", nodes.node(i).proxyPort());
    }
    return builder;
  }

  /** {@link #config()} with the watchdog on, the given TTL and a 100 ms node timeout. */
  RedlockConfig.Builder watchedConfig(Duration ttl) {
    return config().ttl(ttl).nodeTimeout(Duration.ofMillis(100)).watchdog(true);
  }

  <T> T direct(int node, Function<Jedis, T> command) {
    try (Jedis jedis = nodes.node(node).direct()) {
      return command.apply(jedis);
    }
  }

  String valueOn(int node, String resource) {
    return direct(node, jedis -> jedis.get("redlock:" + resource));
  }

  long pttl(int node, String resource) {
    Long millis = direct(node, jedis -> jedis.pttl("redlock:" + resource));
    return millis;
  }

  /** Indices of the nodes that hold the resource's lock key (any value), checked directly. */
  List<Integer> holders(String resource) {
    List<Integer> holders = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (valueOn(i, resource) != null) {
        holders.add(i);
      }
    }
    return holders;
  }

  long commandCalls(int node, String command) {
    String stats = direct(node, jedis -> jedis.info("commandstats"));
    return stats
        .lines()
        .filter(line -> line.startsWith("cmdstat_" + command + ":"))
        .map(line -> line.replaceFirst("^[^:]+:calls=(\\d+),.*$", "$1"))
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElse(0);
  }

  void cut(int... indices) {
    for (int i : indices) {
      io(() -> nodes.node(i).proxy().disable());
    }
  }

  void heal(int... indices) {
    for (int i : indices) {
      io(() -> nodes.node(i).proxy().enable());
    }
  }

  RedisNodes nodes() {
    return nodes;
  }

  /**
   * Retries an assertion for up to two seconds. An operation returns as soon as its quorum is
   * decided, so the remaining nodes' answers can land a moment later.
   */
  static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  interface IoAction {
    void run() throws IOException;
  }

  static void io(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
