package io.redlocklab.harness.cluster;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.testkit.Proxies;
import io.redlocklab.testkit.ToxiproxyAdmin;
import io.redlocklab.testkit.ToxiproxyServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Toxiproxy proxy: a (client, node) link, a (client, resource) link or a master→replica
 * replication link. Cutting is counted, so two overlapping partitions of the same link heal only
 * when both have restored it. Toxics are named by the caller, who must keep names unique. Every
 * admin call is bounded ({@link ToxiproxyAdmin}); one that fails or hangs fails the cell.
 */
public final class Link {

  /** Which side of the link a toxic acts on, in Toxiproxy's terms. */
  public enum Direction {
    /** Server → client: replies. */
    DOWNSTREAM,
    /** Client → server: requests. */
    UPSTREAM;

    ToxicDirection toxiproxy() {
      return this == DOWNSTREAM ? ToxicDirection.DOWNSTREAM : ToxicDirection.UPSTREAM;
    }
  }

  private final String name;
  private final Proxy proxy;
  private final ToxiproxyAdmin admin;
  private final RedisNode endpoint;
  private volatile ServerHandle upstream;
  private final Map<String, Long> jitterByToxic = new ConcurrentHashMap<>();
  private int cuts;

  Link(String name, Proxy proxy, ToxiproxyAdmin admin, RedisNode endpoint, ServerHandle upstream) {
    this.name = name;
    this.proxy = proxy;
    this.admin = admin;
    this.endpoint = endpoint;
    this.upstream = upstream;
  }

  /** {@code c<k>-n<i>}, {@code c<k>-resource} or {@code repl-n<i>}. */
  public String name() {
    return name;
  }

  /** Where a client connects to go through this link. */
  public RedisNode endpoint() {
    return endpoint;
  }

  /** The server this link currently forwards to. */
  public ServerHandle upstream() {
    return upstream;
  }

  /** Disables the proxy: open connections are closed and new ones refused. */
  public synchronized void cut() {
    if (cuts++ == 0) {
      call("disable", proxy::disable);
    }
  }

  /** Undoes one {@link #cut()}; the proxy is enabled again when no cut remains. */
  public synchronized void restore() {
    if (cuts == 0) {
      return;
    }
    if (--cuts == 0) {
      call("enable", proxy::enable);
    }
  }

  public void addLatency(String toxic, Direction direction, long latencyMillis, long jitterMillis) {
    call(
        "add latency " + toxic,
        () ->
            proxy
                .toxics()
                .latency(toxic, direction.toxiproxy(), latencyMillis)
                .setJitter(jitterMillis));
    jitterByToxic.put(toxic, jitterMillis);
  }

  /**
   * The jitter of the latency toxics now on this link, summed (ms): a round trip through it varies
   * by up to twice that from one PING to the next.
   */
  public long latencyJitterMillis() {
    return jitterByToxic.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Data stops; with {@code timeoutMillis} 0 the connection stays open until the toxic goes. */
  public void addTimeout(String toxic, Direction direction, long timeoutMillis) {
    call(
        "add timeout " + toxic,
        () -> proxy.toxics().timeout(toxic, direction.toxiproxy(), timeoutMillis));
  }

  /** Connections are reset (TCP RST) after {@code timeoutMillis}. */
  public void addResetPeer(String toxic, Direction direction, long timeoutMillis) {
    call(
        "add reset_peer " + toxic,
        () -> proxy.toxics().resetPeer(toxic, direction.toxiproxy(), timeoutMillis));
  }

  /** Removes a toxic; a toxic that is not there is ignored. */
  public void removeToxic(String toxic) {
    try {
      admin.run(
          "remove toxic " + toxic + " (" + name + ")", () -> proxy.toxics().get(toxic).remove());
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("[404]")) { // already gone
        throw new HarnessException("link " + name + ": cannot remove toxic " + toxic + ": " + e, e);
      }
    }
    jitterByToxic.remove(toxic);
  }

  /**
   * Creates proxy {@code name} listening on a port Toxiproxy picks on {@code host}, forwarding to
   * {@code upstream}; clients reach it at {@code host}. Toxiproxy binds that port again when the
   * proxy is enabled after a cut; on a Toxiproxy of this machine use {@link #onReservedPort}.
   */
  static Link create(ToxiproxyAdmin admin, String name, String host, ServerHandle upstream) {
    try {
      return of(
          name,
          admin.createProxy(name, host + ":0", upstream.upstreamAddress()),
          admin,
          host,
          upstream);
    } catch (IOException e) {
      throw new HarnessException("cannot create proxy " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates proxy {@code name} on a local Toxiproxy, listening on 127.0.0.1 on a port reserved for
   * this JVM (the testkit's FreePorts), so no other process can take it while the link is cut.
   */
  static Link onReservedPort(ToxiproxyAdmin admin, String name, ServerHandle upstream) {
    try {
      return of(
          name,
          Proxies.create(admin, name, upstream.upstreamAddress()),
          admin,
          ToxiproxyServerProcess.HOST,
          upstream);
    } catch (UncheckedIOException e) {
      throw new HarnessException(e.getMessage(), e);
    }
  }

  private static Link of(
      String name, Proxy proxy, ToxiproxyAdmin admin, String host, ServerHandle upstream) {
    RedisNode endpoint = new RedisNode(host, Proxies.port(proxy), upstream.address().password());
    return new Link(name, proxy, admin, endpoint, upstream);
  }

  /** Forwards new connections to {@code server}; Toxiproxy closes the open ones. */
  void repoint(ServerHandle server) {
    call(
        "set upstream " + server.upstreamAddress(),
        () -> proxy.setUpstream(server.upstreamAddress()));
    upstream = server;
  }

  void delete() {
    call("delete", proxy::delete);
  }

  private void call(String what, ToxiproxyAdmin.Action call) {
    try {
      admin.run(what + " (" + name + ")", call);
    } catch (IOException e) {
      throw new HarnessException("link " + name + ": cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return name + "(" + endpoint.address() + " → " + upstream.name() + ")";
  }
}
