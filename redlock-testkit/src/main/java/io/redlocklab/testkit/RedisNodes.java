package io.redlocklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * A test fixture: {@code count} independent redis-servers and one toxiproxy-server with one proxy
 * per node ({@code node-0}, {@code node-1}, ...), all on 127.0.0.1 in one temp run dir.
 */
public final class RedisNodes implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisNodes.class);

  private final Path runDir;
  private final ToxiproxyServerProcess toxiproxy;
  private final List<RedisNode> nodes;
  private boolean closed;

  private RedisNodes(Path runDir, ToxiproxyServerProcess toxiproxy, List<RedisNode> nodes) {
    this.runDir = runDir;
    this.toxiproxy = toxiproxy;
    this.nodes = List.copyOf(nodes);
  }

  public static RedisNodes start(int count) {
    return start(count, Persistence.NONE);
  }

  public static RedisNodes start(int count, Persistence persistence) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    Path runDir = RunDirs.create("nodes");
    List<AutoCloseable> started = new ArrayList<>();
    try {
      ToxiproxyServerProcess toxiproxy = ToxiproxyServerProcess.start(runDir.resolve("toxiproxy"));
      started.add(toxiproxy);
      List<RedisNode> nodes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = "node-" + i;
        RedisServerProcess server =
            RedisServerProcess.start(
                RedisServerProcess.Options.defaults()
                    .dir(runDir.resolve(name))
                    .persistence(persistence));
        started.add(server);
        nodes.add(
            new RedisNode(
                name,
                server,
                toxiproxy.admin(),
                Proxies.create(toxiproxy.admin(), name, server.port())));
      }
      log.debug("started {} redis nodes in {}", count, runDir);
      return new RedisNodes(runDir, toxiproxy, nodes);
    } catch (RuntimeException e) {
      started.forEach(ManagedProcess::closeQuietly);
      RunDirs.deleteUnlessKept(runDir);
      throw e;
    }
  }

  public int size() {
    return nodes.size();
  }

  /** Node {@code i}, counted from 0. */
  public RedisNode node(int i) {
    return nodes.get(i);
  }

  public List<RedisNode> nodes() {
    return nodes;
  }

  public ToxiproxyServerProcess toxiproxy() {
    return toxiproxy;
  }

  public Path runDir() {
    return runDir;
  }

  /**
   * Back to a clean, healthy cluster: no toxics, every proxy enabled, every node running (paused
   * ones resumed, dead ones restarted), every node's data and script cache flushed.
   */
  public void resetFaults() {
    if (!toxiproxy.isAlive()) {
      throw new IllegalStateException(toxiproxy + " is not running");
    }
    try {
      toxiproxy.admin().reset();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset " + toxiproxy + ": " + e.getMessage(), e);
    }
    for (RedisNode node : nodes) {
      RedisServerProcess server = node.server();
      if (server.isPaused()) {
        server.resume();
      }
      if (!server.isAlive()) {
        log.debug("restarting {}", node);
        server.restart();
      }
      try (Jedis jedis = node.direct()) {
        jedis.flushAll();
        jedis.scriptFlush();
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
    for (RedisNode node : nodes) {
      ManagedProcess.closeQuietly(node.server());
    }
    ManagedProcess.closeQuietly(toxiproxy);
    RunDirs.deleteUnlessKept(runDir);
  }

  @Override
  public String toString() {
    return "RedisNodes" + nodes;
  }
}
