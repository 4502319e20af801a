package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.OptionalLong;
import redis.clients.jedis.Jedis;

/**
 * One Redis server of a running cluster: a lock master, a replica or the protected resource. The
 * process operations exist only where the backend has {@link Capability#PROCESS_CONTROL}; elsewhere
 * they throw a {@link HarnessException} saying so.
 */
public abstract class ServerHandle {

  private final String name;

  ServerHandle(String name) {
    this.name = name;
  }

  /** {@code n<i>}, {@code n<i>-replica} or {@code resource}. */
  public final String name() {
    return name;
  }

  /** The server's own address as the harness reaches it, bypassing every proxy. */
  public abstract RedisNode address();

  /** The pid of the server process as the host sees it, when known. */
  public abstract OptionalLong pid();

  public abstract boolean isAlive();

  /** SIGKILL: no shutdown, no save. Returns when the process is gone. */
  public abstract void kill();

  /**
   * Starts the server again on the same address and data directory; returns when it answers PING.
   */
  public abstract void restart();

  /** SIGSTOP: the server keeps its sockets and answers nothing. */
  public abstract void pause();

  /** SIGCONT. */
  public abstract void resume();

  /** The server's wall clock, when it runs under the clock shim. */
  public abstract Optional<ServerClock> clock();

  /**
   * Why this server does not answer a health check in its own protocol through {@code via} (its own
   * address or a proxy to it), or null when it answered within {@code timeoutMillis}. Redis: PING
   * on a new connection.
   */
  public String probeError(RedisNode via, int timeoutMillis) {
    try (Jedis jedis = Connections.open(via, timeoutMillis)) {
      jedis.ping();
      return null;
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** One request and its reply in a server's own protocol: null when the reply is healthy. */
  interface Exchange {
    String judge(OutputStream out, InputStream in) throws IOException;
  }

  /**
   * {@link #probeError} for servers that are not Redis: {@code exchange} on a new TCP connection to
   * {@code via}, connect and reads bounded by {@code timeoutMillis}.
   */
  static String socketProbe(RedisNode via, int timeoutMillis, Exchange exchange) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(via.host(), via.port()), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      return exchange.judge(socket.getOutputStream(), socket.getInputStream());
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** What came back after a restart, e.g. "with 3 key(s)". */
  public String restartNote() {
    try (Jedis jedis = Connections.open(address(), 2_000)) {
      return "with " + jedis.dbSize() + " key(s)";
    }
  }

  /** The server's role in its own cluster when it has one that matters (etcd: leader). */
  public Optional<String> role() {
    return Optional.empty();
  }

  /** host:port as Toxiproxy reaches this server (differs from {@link #address()} in Docker). */
  abstract String upstreamAddress();

  /** Called after this replica was promoted with REPLICAOF NO ONE: a restart keeps it a master. */
  void promoted() {}

  final HarnessException unsupported(String what, String backend) {
    return new HarnessException(
        what + " " + name + ": the " + backend + " backend has no process control");
  }

  @Override
  public String toString() {
    return name + "@" + address().address();
  }
}
