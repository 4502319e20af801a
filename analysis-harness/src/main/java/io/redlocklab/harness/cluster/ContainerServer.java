package io.redlocklab.harness.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import java.util.Optional;
import java.util.OptionalLong;
import org.testcontainers.containers.GenericContainer;
import redis.clients.jedis.Jedis;

/**
 * A redis-server in a container (as the container's main process). Signals go through the Docker
 * API; a crash is {@code docker kill}, a restart {@code docker start} of the same container, so an
 * AOF in the container's file system survives exactly as on a host. The mapped port is looked up
 * again after a restart because Docker may assign another one.
 */
final class ContainerServer extends ServerHandle {

  private static final int REDIS_PORT = 6379;

  private final GenericContainer<?> container;
  private volatile RedisNode address;
  private volatile boolean promoted;

  ContainerServer(String name, GenericContainer<?> container) {
    super(name);
    this.container = container;
    this.address = RedisNode.of(container.getHost(), container.getMappedPort(REDIS_PORT));
  }

  @Override
  public RedisNode address() {
    return address;
  }

  @Override
  public OptionalLong pid() {
    Long pid = inspect().getState().getPidLong();
    return pid == null || pid == 0 ? OptionalLong.empty() : OptionalLong.of(pid);
  }

  @Override
  public boolean isAlive() {
    return Boolean.TRUE.equals(inspect().getState().getRunning());
  }

  @Override
  public void kill() {
    docker().killContainerCmd(container.getContainerId()).exec();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (isAlive()) {
      if (System.nanoTime() - deadline > 0) {
        throw new HarnessException(this + " still running 10 s after docker kill");
      }
      LocalProcessBackend.sleep(20);
    }
  }

  @Override
  public void restart() {
    if (isAlive()) {
      kill();
    }
    docker().startContainerCmd(container.getContainerId()).exec();
    Ports.Binding[] bindings =
        inspect().getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(REDIS_PORT));
    address = RedisNode.of(container.getHost(), Integer.parseInt(bindings[0].getHostPortSpec()));
    awaitPing();
    if (promoted) {
      try (Jedis jedis = Connections.open(address, 2_000)) {
        jedis.replicaofNoOne();
      }
    }
  }

  @Override
  public void pause() {
    docker().killContainerCmd(container.getContainerId()).withSignal("SIGSTOP").exec();
  }

  @Override
  public void resume() {
    docker().killContainerCmd(container.getContainerId()).withSignal("SIGCONT").exec();
  }

  @Override
  public Optional<ServerClock> clock() {
    return Optional.empty();
  }

  @Override
  String upstreamAddress() {
    return name() + ":" + REDIS_PORT;
  }

  @Override
  void promoted() {
    promoted = true;
  }

  private void awaitPing() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() - deadline < 0) {
      try (Jedis jedis = Connections.open(address, 500)) {
        if ("PONG".equals(jedis.ping())) {
          return;
        }
      } catch (RuntimeException notYet) {
        LocalProcessBackend.sleep(50);
      }
    }
    throw new HarnessException(this + " did not answer PING within 10 s of docker start");
  }

  private InspectContainerResponse inspect() {
    return docker().inspectContainerCmd(container.getContainerId()).exec();
  }

  private DockerClient docker() {
    return container.getDockerClient();
  }
}
