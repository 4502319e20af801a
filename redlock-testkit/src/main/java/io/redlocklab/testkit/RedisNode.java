package io.redlocklab.testkit;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * One node of {@link RedisNodes}: a redis-server plus the Toxiproxy proxy in front of it. Clients
 * under test connect to {@link #proxyPort()} so that faults apply; the test itself uses {@link
 * #direct()} to see the node's real state.
 */
public final class RedisNode {

  private static final JedisClientConfig CLIENT_CONFIG =
      DefaultJedisClientConfig.builder().timeoutMillis(2000).build();

  private final String name;
  private final RedisServerProcess server;
  private final ToxiproxyAdmin toxiproxy;
  private final int proxyPort;

  RedisNode(String name, RedisServerProcess server, ToxiproxyAdmin toxiproxy, int proxyPort) {
    this.name = name;
    this.server = server;
    this.toxiproxy = toxiproxy;
    this.proxyPort = proxyPort;
  }

  /** "node-&lt;i&gt;", also the proxy's name. */
  public String name() {
    return name;
  }

  public String host() {
    return RedisServerProcess.HOST;
  }

  /** Where clients under test connect: through Toxiproxy, so faults apply. */
  public int proxyPort() {
    return proxyPort;
  }

  /** The redis-server's own port: the test's unfaulted view. */
  public int directPort() {
    return server.port();
  }

  /**
   * The proxy, freshly read from the server (a {@link Proxy}'s {@code isEnabled()} is a snapshot).
   */
  public Proxy proxy() {
    try {
      return toxiproxy.getProxy(name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read proxy " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The admin API of the Toxiproxy in front of this node, for bounded calls on {@link #proxy()}.
   */
  public ToxiproxyAdmin toxiproxy() {
    return toxiproxy;
  }

  public RedisServerProcess server() {
    return server;
  }

  /** A new connection straight to the server (2 s timeouts); the caller closes it. */
  public Jedis direct() {
    return new Jedis(host(), directPort(), CLIENT_CONFIG);
  }

  /** A new connection through the proxy (2 s timeouts); the caller closes it. */
  public Jedis proxied() {
    return new Jedis(host(), proxyPort, CLIENT_CONFIG);
  }

  /** Runs {@code action} on a short-lived direct connection. */
  public <T> T withDirect(Function<Jedis, T> action) {
    try (Jedis jedis = direct()) {
      return action.apply(jedis);
    }
  }

  @Override
  public String toString() {
    return name + "[proxy " + host() + ":" + proxyPort + " -> " + server + "]";
  }
}
