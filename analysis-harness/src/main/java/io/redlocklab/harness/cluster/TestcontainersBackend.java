package io.redlocklab.harness.cluster;

import eu.rekawek.toxiproxy.Proxy;
import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.InputException;
import io.redlocklab.testkit.Persistence;
import io.redlocklab.testkit.ToxiproxyAdmin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same topology in Docker: one redis container per server and one Toxiproxy container on a
 * private network; the harness reaches proxies and servers through mapped ports. Testcontainers'
 * reaper removes the containers when this JVM dies.
 *
 * <p>Server clocks are <b>not supported</b>: the LD_PRELOAD clock shim is compiled for and injected
 * into local processes only, so {@link #check} rejects a topology that needs them (clock-jump and
 * clock-drift faults) instead of pretending to move the clock.
 */
public final class TestcontainersBackend implements ClusterBackend {

  public static final String NAME = "testcontainers";
  public static final String DEFAULT_REDIS_IMAGE = "redis:7.0";
  public static final String DEFAULT_TOXIPROXY_IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";

  private static final int REDIS_PORT = 6379;
  private static final int FIRST_PROXY_PORT = 8666;
  private static final String TOXIPROXY_ALIAS = "toxiproxy";

  private final DockerImageName redisImage;
  private final DockerImageName toxiproxyImage;

  public TestcontainersBackend() {
    this(DEFAULT_REDIS_IMAGE, DEFAULT_TOXIPROXY_IMAGE);
  }

  public TestcontainersBackend(String redisImage, String toxiproxyImage) {
    this.redisImage = DockerImageName.parse(redisImage);
    this.toxiproxyImage =
        DockerImageName.parse(toxiproxyImage)
            .asCompatibleSubstituteFor("ghcr.io/shopify/toxiproxy");
  }

  /** True when a Docker engine answers (may take a moment the first time). */
  public static boolean available() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PROCESS_CONTROL);
  }

  @Override
  public void check(Topology topology) {
    if (topology.server() != LockServer.REDIS) {
      throw new InputException(
          "testcontainers backend: "
              + topology.server().title()
              + " modes run only under the local backend; use --backend local");
    }
    if (topology.sentinel()) {
      throw new InputException(
          "testcontainers backend: Sentinel modes run only under the local backend; use --backend"
              + " local");
    }
    if (topology.serverClocks()) {
      throw new InputException(
          "testcontainers backend: server clock faults are unsupported (the LD_PRELOAD clock shim"
              + " runs only under the local backend); use --backend local");
    }
  }

  @Override
  public RunningCluster start(Topology topology) {
    check(topology);
    if (!available()) {
      throw new InputException("testcontainers backend: no Docker engine is reachable");
    }
    ClusterParts parts = new ClusterParts();
    try {
      Network network = parts.own(Network.newNetwork());
      int proxies = topology.clientLinks() + (topology.replicas() ? topology.masters() : 0);
      ToxiproxyContainer toxiproxy =
          new ToxiproxyContainer(toxiproxyImage)
              .withNetwork(network)
              .withNetworkAliases(TOXIPROXY_ALIAS);
      for (int i = 0; i < proxies; i++) {
        toxiproxy.addExposedPort(FIRST_PROXY_PORT + i);
      }
      parts.own(toxiproxy::stop);
      toxiproxy.start();
      ToxiproxyAdmin admin = new ToxiproxyAdmin(toxiproxy.getHost(), toxiproxy.getControlPort());
      int[] nextPort = {FIRST_PROXY_PORT};
      ClusterParts.LinkMaker links =
          (name, upstream) -> createLink(admin, toxiproxy, nextPort[0]++, name, upstream);

      for (int node = 0; node < topology.masters(); node++) {
        parts.masters.add(startRedis(parts, network, "n" + node, topology.persistence(node), null));
      }
      if (topology.replicas()) {
        for (int node = 0; node < topology.masters(); node++) {
          int port = nextPort[0];
          parts.replicationLinks.add(links.make("repl-n" + node, parts.masters.get(node)));
          ContainerServer replica =
              startRedis(
                  parts,
                  network,
                  "n" + node + "-replica",
                  Persistence.NONE,
                  List.of("--replicaof", TOXIPROXY_ALIAS, Integer.toString(port)));
          LocalProcessBackend.awaitReplicationUp(replica);
          parts.replicas.add(replica);
        }
      }
      parts.resource = startRedis(parts, network, "resource", Persistence.NONE, null);
      parts.addClientLinks(topology, links);
      return new RunningCluster(topology, NAME, capabilities(), parts);
    } catch (RuntimeException e) {
      parts.closeAll();
      throw e instanceof HarnessException
          ? e
          : new HarnessException(
              "testcontainers backend: cannot start " + topology + ": " + e.getMessage(), e);
    }
  }

  private ContainerServer startRedis(
      ClusterParts parts,
      Network network,
      String name,
      Persistence persistence,
      List<String> extraArgs) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--protected-mode",
                "no",
                "--save",
                "",
                "--appendonly",
                persistence == Persistence.NONE ? "no" : "yes",
                "--appendfsync",
                persistence == Persistence.AOF_ALWAYS ? "always" : "everysec"));
    if (extraArgs != null) {
      command.addAll(extraArgs);
    }
    GenericContainer<?> container =
        new GenericContainer<>(redisImage)
            .withNetwork(network)
            .withNetworkAliases(name)
            .withExposedPorts(REDIS_PORT)
            .withCommand(command.toArray(String[]::new))
            .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
    parts.own(container::stop);
    container.start();
    return new ContainerServer(name, container);
  }

  private static Link createLink(
      ToxiproxyAdmin admin,
      ToxiproxyContainer toxiproxy,
      int port,
      String name,
      ServerHandle upstream) {
    try {
      Proxy proxy = admin.createProxy(name, "0.0.0.0:" + port, upstream.upstreamAddress());
      RedisNode endpoint = new RedisNode(toxiproxy.getHost(), toxiproxy.getMappedPort(port), null);
      return new Link(name, proxy, admin, endpoint, upstream);
    } catch (IOException e) {
      throw new HarnessException("cannot create proxy " + name + ": " + e.getMessage(), e);
    }
  }
}
