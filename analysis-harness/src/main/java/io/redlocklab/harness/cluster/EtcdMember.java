package io.redlocklab.harness.cluster;

import io.redlocklab.core.RedisNode;
import io.redlocklab.testkit.EtcdCluster;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Member {@code i} of the testkit's 3-member {@link EtcdCluster}, as a lock node: the harness's
 * client proxies forward to its own client port, and process faults act on its etcd process. No
 * server clock: etcd is a Go binary and reads the clock without libc (FAULTS.md).
 */
final class EtcdMember extends ServerHandle {

  private final EtcdCluster cluster;
  private final int index;
  private final RedisNode address;

  EtcdMember(EtcdCluster cluster, int index) {
    super("n" + index);
    this.cluster = cluster;
    this.index = index;
    URI direct = URI.create(cluster.directEndpoint(index));
    this.address = RedisNode.of(direct.getHost(), direct.getPort());
  }

  /** host:port of the member's own client port (not Redis: only a host and a port). */
  @Override
  public RedisNode address() {
    return address;
  }

  @Override
  public OptionalLong pid() {
    return cluster.isAlive(index) ? OptionalLong.of(cluster.pid(index)) : OptionalLong.empty();
  }

  @Override
  public boolean isAlive() {
    return cluster.isAlive(index);
  }

  @Override
  public void kill() {
    cluster.kill(index);
  }

  /** Starts the member again on its data dir; returns once it sees a leader. */
  @Override
  public void restart() {
    cluster.restart(index);
  }

  @Override
  public void pause() {
    cluster.pause(index);
  }

  @Override
  public void resume() {
    cluster.resume(index);
  }

  @Override
  public Optional<ServerClock> clock() {
    return Optional.empty();
  }

  @Override
  String upstreamAddress() {
    return address.host() + ":" + address.port();
  }
}
