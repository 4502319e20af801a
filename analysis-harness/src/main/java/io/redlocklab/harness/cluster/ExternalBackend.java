package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import io.redlocklab.testkit.ToxiproxyAdmin;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import redis.clients.jedis.Jedis;

/**
 * An existing deployment under review: the given Redis masters and resource are used as they are,
 * and an existing Toxiproxy gets one proxy per link (named {@code rl<pid>-...}, deleted on close).
 * Nothing is started or stopped, so there are no process faults, replicas or server clocks.
 * Toxiproxy must reach the endpoints under the addresses given here.
 */
public final class ExternalBackend implements ClusterBackend {

  public static final String NAME = "external";

  private final URI toxiproxyApi;
  private final List<RedisNode> masters;
  private final RedisNode resource;

  /**
   * @param toxiproxyApi e.g. {@code http://127.0.0.1:8474}; proxies listen on that host
   * @param masters the lock masters, in node order
   * @param resource the protected-resource Redis
   */
  public ExternalBackend(URI toxiproxyApi, List<RedisNode> masters, RedisNode resource) {
    this.toxiproxyApi = toxiproxyApi;
    this.masters = List.copyOf(masters);
    this.resource = resource;
  }

  /** Parses {@code host:port} strings; a bad one is a one-line {@link InputException}. */
  public static ExternalBackend parse(String toxiproxyUrl, List<String> masters, String resource) {
    URI api;
    try {
      api = URI.create(toxiproxyUrl);
    } catch (IllegalArgumentException e) {
      throw new InputException("external backend: bad Toxiproxy URL '" + toxiproxyUrl + "'");
    }
    if (api.getHost() == null || api.getPort() < 1) {
      throw new InputException(
          "external backend: Toxiproxy URL needs host and port, e.g. http://127.0.0.1:8474, was '"
              + toxiproxyUrl
              + "'");
    }
    return new ExternalBackend(
        api, masters.stream().map(ExternalBackend::endpoint).toList(), endpoint(resource));
  }

  private static RedisNode endpoint(String hostPort) {
    int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
    try {
      return RedisNode.of(
          hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw new InputException(
          "external backend: endpoint must be host:port, was '" + hostPort + "'");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.noneOf(Capability.class);
  }

  @Override
  public void check(Topology topology) {
    if (topology.server() != LockServer.REDIS) {
      throw new InputException(
          "external backend: "
              + topology.server().title()
              + " modes run only under the local backend; use --backend local");
    }
    if (topology.sentinel()) {
      throw new InputException(
          "external backend: Sentinel modes run only under the local backend; use --backend local");
    }
    if (topology.masters() != masters.size()) {
      throw new InputException(
          "external backend: topology has "
              + topology.masters()
              + " masters but "
              + masters.size()
              + " endpoints were given");
    }
    if (topology.replicas()) {
      throw new InputException(
          "external backend: replicas are not supported (it cannot start or kill servers)");
    }
    if (topology.serverClocks()) {
      throw new InputException(
          "external backend: server clocks are not supported (no clock shim on servers it did not"
              + " start)");
    }
  }

  @Override
  public RunningCluster start(Topology topology) {
    check(topology);
    ToxiproxyAdmin admin = new ToxiproxyAdmin(toxiproxyApi.getHost(), toxiproxyApi.getPort());
    String prefix = "rl" + ProcessHandle.current().pid() + "-";
    ClusterParts parts = new ClusterParts();
    try {
      for (int node = 0; node < masters.size(); node++) {
        parts.masters.add(new ExternalServer("n" + node, masters.get(node)));
      }
      parts.resource = new ExternalServer("resource", resource);
      parts.addClientLinks(
          topology,
          (name, upstream) -> {
            Link link = Link.create(admin, prefix + name, toxiproxyApi.getHost(), upstream);
            parts.own(link::delete);
            return link;
          });
      return new RunningCluster(topology, NAME, capabilities(), parts);
    } catch (RuntimeException e) {
      parts.closeAll();
      throw e instanceof HarnessException
          ? e
          : new HarnessException("external backend: " + e.getMessage(), e);
    }
  }

  /** A server the harness reaches but does not control. */
  private static final class ExternalServer extends ServerHandle {

    private final RedisNode address;

    ExternalServer(String name, RedisNode address) {
      super(name);
      this.address = address;
    }

    @Override
    public RedisNode address() {
      return address;
    }

    @Override
    public OptionalLong pid() {
      return OptionalLong.empty();
    }

    @Override
    public boolean isAlive() {
      try (Jedis jedis = Connections.open(address, 1_000)) {
        return "PONG".equals(jedis.ping());
      } catch (RuntimeException e) {
        return false;
      }
    }

    @Override
    public void kill() {
      throw unsupported("kill", NAME);
    }

    @Override
    public void restart() {
      throw unsupported("restart", NAME);
    }

    @Override
    public void pause() {
      throw unsupported("pause", NAME);
    }

    @Override
    public void resume() {
      throw unsupported("resume", NAME);
    }

    @Override
    public Optional<ServerClock> clock() {
      return Optional.empty();
    }

    @Override
    String upstreamAddress() {
      return address.address();
    }
  }
}
