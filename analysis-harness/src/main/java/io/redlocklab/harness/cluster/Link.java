package io.redlocklab.harness.cluster;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import java.io.IOException;

/**
 * One Toxiproxy proxy: a (client, node) link, a (client, resource) link or a master→replica
 * replication link. Cutting is counted, so two overlapping partitions of the same link heal only
 * when both have restored it. Toxics are named by the caller, who must keep names unique.
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
  private final RedisNode endpoint;
  private volatile ServerHandle upstream;
  private int cuts;

  Link(String name, Proxy proxy, RedisNode endpoint, ServerHandle upstream) {
    this.name = name;
    this.proxy = proxy;
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
      proxy.toxics().get(toxic).remove();
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("[404]")) { // already gone
        throw new HarnessException("link " + name + ": cannot remove toxic " + toxic + ": " + e, e);
      }
    }
  }

  /**
   * Creates proxy {@code name} listening on a port Toxiproxy picks on {@code host} (kept across
   * disable/enable), forwarding to {@code upstream}; clients reach it at {@code host}.
   */
  static Link create(ToxiproxyClient client, String name, String host, ServerHandle upstream) {
    try {
      Proxy proxy = client.createProxy(name, host + ":0", upstream.upstreamAddress());
      String listen = proxy.getListen();
      int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
      return new Link(
          name, proxy, new RedisNode(host, port, upstream.address().password()), upstream);
    } catch (IOException e) {
      throw new HarnessException("cannot create proxy " + name + ": " + e.getMessage(), e);
    }
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

  private interface ProxyCall {
    void run() throws IOException;
  }

  private void call(String what, ProxyCall call) {
    try {
      call.run();
    } catch (IOException e) {
      throw new HarnessException("link " + name + ": cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return name + "(" + endpoint.address() + " → " + upstream.name() + ")";
  }
}
